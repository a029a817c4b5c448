import type { ApiVersion } from './present-contact.ts';
import { formatMinorUnits } from './money.ts';
import type { DealRecord } from './records.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** v1: integer minor units plus `currency`; v2: `{ value: "123.45", currency }`. */
export function presentDeal(deal: DealRecord, version: ApiVersion) {
  const common = { id: deal.id, contact_id: deal.contactId, title: deal.title };
  const rest = { stage: deal.stage, close_date: deal.closeDate, created_at: iso(deal.createdAt), updated_at: iso(deal.updatedAt) };
  if (version === 'v1') return { ...common, amount: deal.amountCents, currency: deal.currency, ...rest };
  return { ...common, amount: { value: formatMinorUnits(deal.amountCents, deal.currency), currency: deal.currency }, ...rest };
}
