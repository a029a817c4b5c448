import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { FieldError } from './field-error.ts';

countries.registerLocale(en);

/** "gb", "GBR", "United Kingdom" → "GB". */
export function toCountryCode(value: string): string {
  const code =
    value.length === 2 && countries.isValid(value)
      ? value.toUpperCase()
      : value.length === 3
        ? countries.alpha3ToAlpha2(value.toUpperCase())
        : undefined;
  const found = code ?? countries.getAlpha2Code(value, 'en');
  if (!found) throw new FieldError('invalid_country', `${JSON.stringify(value)} is neither an ISO 3166 code nor an English country name`);
  return found;
}
