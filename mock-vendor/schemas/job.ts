import { z } from 'zod';
import { ContactCreateV1Schema, ContactCreateV2Schema } from './contact.ts';

export const MAX_IMPORT_ROWS = 1_000;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

const rowsNote =
  'Up to 1,000 contact create bodies. Each row is validated on its own when the job reaches it: invalid rows are listed in the job\'s `failed`, the others are created.';

export const ImportContactsV1Schema = z
  .object({ contacts: z.array(ContactCreateV1Schema).min(1).max(MAX_IMPORT_ROWS).describe(rowsNote) })
  .strict()
  .meta({ id: 'ImportContactsV1' });

export const ImportContactsV2Schema = z
  .object({ contacts: z.array(ContactCreateV2Schema).min(1).max(MAX_IMPORT_ROWS).describe(rowsNote) })
  .strict()
  .meta({ id: 'ImportContactsV2' });

/** What the route actually checks up front; rows are checked one by one as the job runs. */
export const ImportEnvelopeSchema = z.object({ contacts: z.array(z.unknown()).min(1).max(MAX_IMPORT_ROWS) }).strict();

export const ImportAcceptedSchema = z
  .object({
    id: z.string().describe('Job id; poll GET /jobs/{id} (also given in `Location`), waiting `Retry-After` seconds between polls.'),
    status: z.literal('queued'),
  })
  .meta({ id: 'ImportAccepted' });

export const JobFailureSchema = z
  .object({
    index: z.number().int().describe('Zero-based position of the row in the request\'s `contacts`.'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .meta({ id: 'JobFailure' });

export const JobSchema = z
  .object({
    id: z.string(),
    type: z.literal('contacts.import'),
    status: z
      .enum(JOB_STATUSES)
      .describe('`queued` until the first row is processed; `succeeded` once every row is processed (some rows may still have failed); `failed` if no row could be created.'),
    total: z.number().int().describe('Rows in the request.'),
    processed: z.number().int().describe('Rows handled so far, created or failed.'),
    created: z.number().int().describe('Rows created as contacts so far.'),
    failed: z.array(JobFailureSchema).describe('Rows that could not be imported, with the reasons.'),
    created_ids: z.array(z.string()).describe('Ids of the contacts created so far, in row order.'),
    created_at: z.string().describe('ISO 8601'),
    completed_at: z.string().nullable().describe('ISO 8601; null while the job runs.'),
  })
  .meta({ id: 'Job', description: 'While the job is not finished, responses carry `Retry-After` (seconds).' });
