import type { ReasonCode } from '../../labs/06-data-mapping/contract.ts';

/** Thrown by a field's mapping; the batch turns it into a rejection reason. */
export class FieldError extends Error {
  constructor(
    readonly code: ReasonCode,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/** Trimmed text, or null when the value is null, empty or only whitespace. */
export function optionalText(value: string | null): string | null {
  return value?.trim() || null;
}

export function requiredText(value: string | null, field: string): string {
  const text = optionalText(value);
  if (text === null) throw new FieldError('missing_value', `${field} is ${JSON.stringify(value)}; it is required`);
  return text;
}
