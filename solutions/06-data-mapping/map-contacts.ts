import type { AcmeContactRecord, Customer, MappingOptions, MappingResult } from '../../labs/06-data-mapping/contract.ts';
import { LIFECYCLES, labelFor } from './codes.ts';
import { FieldError, optionalText, requiredText } from './field-error.ts';
import { mapBatch } from './map-batch.ts';
import { splitName } from './split-name.ts';
import { toCountryCode } from './to-country-code.ts';
import { toE164 } from './to-e164.ts';
import { requiredDate } from './to-utc-iso.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FLAGS: Record<string, boolean | null> = { Y: true, N: false, '': null };

function toEmail(value: string | null): string {
  const email = requiredText(value, 'email').toLowerCase();
  if (!EMAIL.test(email)) throw new FieldError('invalid_email', `${JSON.stringify(value)} is not an email address`);
  return email;
}

function toFlag(value: string | null): boolean | null {
  const flag = FLAGS[(value ?? '').trim().toUpperCase()];
  if (flag === undefined) throw new FieldError('invalid_flag', `${JSON.stringify(value)} is not "Y", "N" or ""`);
  return flag;
}

export function mapContacts(records: readonly AcmeContactRecord[], { unknownStatus = 'fail' }: MappingOptions = {}): MappingResult<Customer> {
  return mapBatch(records, (record, field) => {
    const countryText = optionalText(record.country);
    const country = countryText === null ? null : field('country', () => toCountryCode(countryText));
    const phone = optionalText(record.phone);
    return {
      externalId: record.id,
      ...field('full_name', () => splitName(record.full_name)),
      email: field('email', () => toEmail(record.email)),
      phone: phone === null ? null : field('phone', () => toE164(phone, country ?? null)),
      company: optionalText(record.company),
      country,
      lifecycle: field('status', () => labelFor(LIFECYCLES, record.status, unknownStatus, 'lead')),
      marketingOptIn: field('opt_in', () => toFlag(record.opt_in)),
      createdAt: field('created_at', () => requiredDate(record.created_at, 'created_at')),
    };
  });
}
