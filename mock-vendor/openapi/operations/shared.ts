import { z } from 'zod';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../resources/idempotency-store.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../resources/pagination.ts';
import type { ParameterSpec } from '../operation.ts';

/** Parameters shared by many operations. */
export const limit: ParameterSpec = {
  name: 'limit',
  in: 'query',
  description: `Records per page, 1 to ${MAX_PAGE_SIZE}.`,
  schema: z.int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
};
export const cursor: ParameterSpec = {
  name: 'cursor',
  in: 'query',
  description: 'The previous page\'s `next_cursor`, passed back unchanged. Leave out for the first page.',
  schema: z.string(),
};
export const idParam = (what: string, example: string): ParameterSpec => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id.`,
  schema: z.string(),
  example,
});
export const contactId = idParam('contact', 'ct_000001');
export const leadId = idParam('lead', 'ld_000001');
export const dealId = idParam('deal', 'dl_000001');
export const jobId = idParam('job', 'jb_000001');
export const webhookId = idParam('webhook subscription', 'wh_000001');
export const idempotencyKey: ParameterSpec = {
  name: 'Idempotency-Key',
  in: 'header',
  description: `Makes the create safe to retry (1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters; a UUID is a good key). The same key with the same body replays the first answer with \`Idempotent-Replayed: true\`; with another body it is a 409. Kept for 24 hours.`,
  schema: z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH),
  example: '5f0c3a7e-8d2b-4c1e-9a6f-2b7d9e4c1a80',
};
export const variant: ParameterSpec = {
  name: 'variant',
  in: 'query',
  description: 'Which edition of the documentation to serve. Default: the one the vendor\'s default scenario names (`complete`).',
  schema: z.string(),
};
