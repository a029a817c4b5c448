import type { MappingResult, Reason } from '../../labs/06-data-mapping/contract.ts';
import { FieldError } from './field-error.ts';

/** Reads one field, recording a FieldError as a reason instead of stopping at the first problem. */
export type Field = <T>(name: string, map: () => T) => T;

/**
 * Maps every record or rejects it with all of its reasons; a later record with an id seen earlier
 * in the batch is rejected as a duplicate.
 */
export function mapBatch<In extends { id: string }, Out>(records: readonly In[], mapOne: (record: In, field: Field) => Out): MappingResult<Out> {
  const result: MappingResult<Out> = { mapped: [], rejected: [] };
  const seen = new Set<string>();
  records.forEach((record, index) => {
    if (seen.has(record.id)) {
      const reason: Reason = { field: 'id', code: 'duplicate_id', message: `id ${record.id} already appeared earlier in this batch` };
      result.rejected.push({ index, externalId: record.id, reasons: [reason] });
      return;
    }
    seen.add(record.id);
    const reasons: Reason[] = [];
    const field: Field = (name, map) => {
      try {
        return map();
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        reasons.push({ field: name, code: error.code, message: error.message });
        return undefined as never;
      }
    };
    const mapped = mapOne(record, field);
    if (reasons.length > 0) result.rejected.push({ index, externalId: record.id, reasons });
    else result.mapped.push(mapped);
  });
  return result;
}
