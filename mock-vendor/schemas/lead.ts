import { z } from 'zod';

/** Leads look the same in v1 and v2; both versions use these schemas. */
export const LEAD_STATUSES = ['new', 'qualified', 'rejected'] as const;

export const LeadSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    source: z.string().describe('Where the lead came from, e.g. `api`, `webform`, `event`.'),
    note: z.string().nullable(),
    contact_id: z.string().nullable().describe('The contact this lead belongs to, if it is already known.'),
    status: z.enum(LEAD_STATUSES),
    created_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'Lead' });

export const LeadCreateSchema = z
  .object({
    email: z.email(),
    name: z.string().min(1).max(200).nullable().optional(),
    source: z.string().min(1).max(50).default('api').describe('Defaults to `api`.'),
    note: z.string().max(2_000).nullable().optional(),
    contact_id: z.string().nullable().optional().describe('Id of an existing contact (`ct_…`); 422 if there is none.'),
  })
  .strict()
  .meta({
    id: 'LeadCreate',
    description:
      'Send an `Idempotency-Key` header (1–255 characters) to make retries safe: the same key with the same body replays the first response ' +
      '(with `Idempotent-Replayed: true`) instead of creating a second lead; the same key with another body is a 409 `idempotency_key_conflict`; ' +
      'a retry while the first request is still being processed is a 409 `idempotency_request_in_progress`. Keys are kept for 24 hours. ' +
      '5xx responses are not stored, so retrying after one is safe and may succeed.',
  });

export type LeadCreate = z.output<typeof LeadCreateSchema>;
