import { z } from 'zod';
import type { Deal } from '../../labs/07-breaking-change/contract.ts';

/** The fields we use, strictly; fields Acme adds are dropped, not refused. */
export const AcmeDealV1Schema = z.object({
  id: z.string().min(1),
  contact_id: z.string().min(1),
  title: z.string(),
  amount: z.number().int().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  stage: z.enum(['open', 'won', 'lost']),
  close_date: z.iso.date().nullable(),
});

export type AcmeDealV1 = z.output<typeof AcmeDealV1Schema>;

export function toDeal(deal: AcmeDealV1): Deal {
  return {
    externalId: deal.id,
    source: 'acme-crm',
    contactId: deal.contact_id,
    title: deal.title,
    amountMinor: deal.amount,
    currency: deal.currency,
    stage: deal.stage,
    closeDate: deal.close_date,
  };
}

/** One reason per field that did not fit: `amount: expected number, received string`. */
export function driftReasons(error: z.ZodError): { field: string; change: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(record)', change: issue.message.replace(/^Invalid input: /, '') }));
}
