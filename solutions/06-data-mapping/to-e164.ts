import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { FieldError } from './field-error.ts';

/** Reads the number as dialled from `country` when it is not written internationally. */
export function toE164(phone: string, country: string | null): string {
  const parsed = parsePhoneNumberFromString(phone, (country ?? undefined) as CountryCode | undefined);
  if (!parsed?.isValid()) {
    throw new FieldError('invalid_phone', `${JSON.stringify(phone)} is not a valid phone number${country ? ` in ${country}` : ' (no country to read a national number by)'}`);
  }
  return parsed.number;
}
