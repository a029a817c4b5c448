import type { Money } from '../../labs/06-data-mapping/contract.ts';
import { FieldError } from './field-error.ts';

/** ISO 4217 minor-unit exponents; every other currency has 2. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };
const exponentOf = (currency: string) => EXPONENTS[currency] ?? 2;

export function toCurrency(value: string | null): string {
  const currency = value?.trim().toUpperCase();
  if (!currency) throw new FieldError('missing_value', `currency is ${JSON.stringify(value)}; it is required`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new FieldError('invalid_currency', `${JSON.stringify(value)} is not a three-letter ISO 4217 code`);
  return currency;
}

export function toMinorUnits(amount: number | null): number {
  if (amount === null) throw new FieldError('missing_value', 'amount is null; it is required');
  if (!Number.isSafeInteger(amount) || amount < 0) throw new FieldError('invalid_amount', `${JSON.stringify(amount)} is not a whole, non-negative number of minor units`);
  return amount;
}

/** 1999 EUR → "19.99"; 1999 JPY → "1999"; 1500 KWD → "1.500". */
export function formatMinorUnits(amount: number, currency: string): Money {
  const exponent = exponentOf(currency);
  if (exponent === 0) return { value: String(amount), currency };
  const digits = String(amount).padStart(exponent + 1, '0');
  return { value: `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`, currency };
}

export function parseMinorUnits({ value, currency }: Money): number {
  const [whole = '', fraction = ''] = value.split('.');
  return Number(whole + fraction.padEnd(exponentOf(currency), '0'));
}
