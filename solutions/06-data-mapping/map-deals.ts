import type { AcmeDealRecord, MappingOptions, MappingResult, Opportunity } from '../../labs/06-data-mapping/contract.ts';
import { STAGES, labelFor } from './codes.ts';
import { requiredText } from './field-error.ts';
import { mapBatch } from './map-batch.ts';
import { formatMinorUnits, toCurrency, toMinorUnits } from './money.ts';
import { optionalDate, requiredDate } from './to-utc-iso.ts';

export function mapDeals(records: readonly AcmeDealRecord[], { unknownStatus = 'fail' }: MappingOptions = {}): MappingResult<Opportunity> {
  return mapBatch(records, (record, field) => {
    const amount = field('amount', () => toMinorUnits(record.amount));
    const currency = field('currency', () => toCurrency(record.currency));
    return {
      externalId: record.id,
      customerExternalId: field('contact_id', () => requiredText(record.contact_id, 'contact_id')),
      title: field('title', () => requiredText(record.title, 'title')),
      amount: formatMinorUnits(amount ?? 0, currency ?? ''),
      stage: field('stage', () => labelFor(STAGES, record.stage, unknownStatus, 'open')),
      closeDate: field('close_date', () => optionalDate(record.close_date)),
      createdAt: field('created_at', () => requiredDate(record.created_at, 'created_at')),
    };
  });
}
