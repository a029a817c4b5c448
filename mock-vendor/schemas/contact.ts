import { z } from 'zod';

/** Numeric status codes as v1 sends them; v2 sends the label. */
export const CONTACT_STATUSES = { 1: 'lead', 2: 'active', 3: 'churned', 4: 'archived' } as const;
export type ContactStatusCode = keyof typeof CONTACT_STATUSES;
const statusCode = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const statusLabel = z.enum(['lead', 'active', 'churned', 'archived']);

export const ContactV1Schema = z
  .object({
    id: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
    status: statusCode.describe('1 lead, 2 active, 3 churned, 4 archived'),
    country: z.string().nullable().describe('ISO 3166-1 alpha-2'),
    opt_in: z.enum(['Y', 'N']).describe('Marketing consent'),
    created_at: z.string().describe('ISO 8601'),
    updated_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'ContactV1' });

export const ContactV2Schema = z
  .object({
    id: z.string(),
    name: z.object({ first: z.string(), last: z.string() }),
    email: z.string(),
    phone: z.string().nullable(),
    company: z.object({ name: z.string() }).nullable(),
    status: statusLabel,
    country_code: z.string().nullable(),
    marketing_opt_in: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'ContactV2' });

export const ContactCreateV1Schema = z
  .object({
    first_name: z.string().min(1).max(100),
    last_name: z.string().min(1).max(100),
    email: z.email(),
    phone: z.string().max(40).nullable().optional(),
    company: z.string().max(200).nullable().optional(),
    status: statusCode.optional(),
    country: z.string().length(2).nullable().optional(),
    opt_in: z.enum(['Y', 'N']).optional(),
  })
  .strict()
  .meta({ id: 'ContactCreateV1' });

export const ContactUpdateV1Schema = ContactCreateV1Schema.partial().meta({ id: 'ContactUpdateV1' });

export const ContactCreateV2Schema = z
  .object({
    name: z.object({ first: z.string().min(1).max(100), last: z.string().min(1).max(100) }).strict(),
    email: z.email(),
    phone: z.string().max(40).nullable().optional(),
    company: z.object({ name: z.string().max(200) }).strict().nullable().optional(),
    status: statusLabel.optional(),
    country_code: z.string().length(2).nullable().optional(),
    marketing_opt_in: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'ContactCreateV2' });
