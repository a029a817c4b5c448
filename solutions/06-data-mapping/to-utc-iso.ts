import { DateTime } from 'luxon';
import type { AcmeDate } from '../../labs/06-data-mapping/contract.ts';
import { FieldError } from './field-error.ts';

const EPOCH_SECONDS = /^\d+$/;
const DAY_MONTH_YEAR = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/;

export function toUtcIso(value: AcmeDate): string {
  const text = String(value).trim();
  const date = EPOCH_SECONDS.test(text)
    ? DateTime.fromSeconds(Number(text), { zone: 'utc' })
    : DAY_MONTH_YEAR.test(text)
      ? DateTime.fromFormat(text, 'd/M/yyyy', { zone: 'utc' })
      : ISO_WITH_OFFSET.test(text)
        ? DateTime.fromISO(text, { zone: 'utc' })
        : undefined;
  if (!date?.isValid) throw new FieldError('invalid_date', `${JSON.stringify(value)} is not epoch seconds, ISO 8601 with an offset, or a real DD/MM/YYYY date`);
  return date.toISO()!;
}

export function optionalDate(value: AcmeDate | null): string | null {
  return value === null || String(value).trim() === '' ? null : toUtcIso(value);
}

export function requiredDate(value: AcmeDate | null, field: string): string {
  const date = optionalDate(value);
  if (date === null) throw new FieldError('missing_value', `${field} is ${JSON.stringify(value)}; it is required`);
  return date;
}
