import { z } from 'zod';

export const DEAL_STAGES = ['open', 'won', 'lost'] as const;
const stage = z.enum(DEAL_STAGES);
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'use an upper-case ISO 4217 code such as "EUR"')
  .describe('ISO 4217 currency code, upper case.');
const closeDate = z.iso.date().nullable().describe('YYYY-MM-DD');

/**
 * v1 (deprecated): `amount` is an integer in the currency's minor unit (cents for EUR and USD,
 * whole yen for JPY) next to a separate `currency`.
 */
export const DealV1Schema = z
  .object({
    id: z.string(),
    contact_id: z.string(),
    title: z.string(),
    amount: z.number().int().describe('Integer amount in the minor unit of `currency` (cents for EUR/USD/GBP; yen for JPY).'),
    currency,
    stage,
    close_date: closeDate,
    created_at: z.string().describe('ISO 8601'),
    updated_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'DealV1', description: 'Deprecated: /v1/deals sunsets; use /v2/deals.' });

export const MoneyV2Schema = z
  .object({
    value: z
      .string()
      .regex(/^\d{1,13}(\.\d{1,3})?$/, 'use a decimal string such as "123.45"')
      .describe('Decimal string in major units ("123.45"), with no more decimals than the currency has; never a float.'),
    currency,
  })
  .strict()
  .meta({ id: 'MoneyV2' });

/** v2: `amount` is `{ value: "123.45", currency: "EUR" }`. */
export const DealV2Schema = z
  .object({
    id: z.string(),
    contact_id: z.string(),
    title: z.string(),
    amount: MoneyV2Schema,
    stage,
    close_date: closeDate,
    created_at: z.string().describe('ISO 8601'),
    updated_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'DealV2' });

export const DealCreateV1Schema = z
  .object({
    contact_id: z.string().describe('Id of an existing contact (`ct_…`); 422 if there is none.'),
    title: z.string().min(1).max(200),
    amount: z.number().int().min(0).max(1e15).describe('Integer amount in the minor unit of `currency`.'),
    currency,
    stage: stage.optional().describe('Defaults to `open`.'),
    close_date: closeDate.optional(),
  })
  .strict()
  .meta({ id: 'DealCreateV1' });

export const DealUpdateV1Schema = DealCreateV1Schema.partial()
  .refine((b) => (b.amount === undefined) === (b.currency === undefined), {
    message: 'send amount and currency together',
    path: ['amount'],
  })
  .meta({ id: 'DealUpdateV1' });

export const DealCreateV2Schema = z
  .object({
    contact_id: z.string().describe('Id of an existing contact (`ct_…`); 422 if there is none.'),
    title: z.string().min(1).max(200),
    amount: MoneyV2Schema,
    stage: stage.optional().describe('Defaults to `open`.'),
    close_date: closeDate.optional(),
  })
  .strict()
  .meta({ id: 'DealCreateV2' });

export const DealUpdateV2Schema = DealCreateV2Schema.partial().meta({ id: 'DealUpdateV2' });
