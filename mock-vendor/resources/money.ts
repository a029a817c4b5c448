/**
 * Amounts are stored as integers in the currency's minor unit (v1's wire shape) and shown in v2 as
 * decimal strings in major units, so no amount is ever a float. ISO 4217 exponents; 2 unless listed.
 */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

export function minorUnitExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/** `12345, 'EUR'` → `"123.45"`; `500, 'JPY'` → `"500"`. */
export function formatMinorUnits(amount: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  if (exponent === 0) return String(amount);
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  return `${amount < 0 ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** `"123.45", 'EUR'` → `12345`; an error message when the value has more decimals than the currency. */
export function parseDecimalAmount(value: string, currency: string): { minor: number } | { error: string } {
  const exponent = minorUnitExponent(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { error: `"${value}" is not a decimal string such as "123.45"` };
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    return { error: `${currency} has ${exponent} decimal place(s), but "${value}" has ${fraction.length}` };
  }
  const minor = Number(match[1]! + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) return { error: `"${value}" is too large` };
  return { minor };
}
