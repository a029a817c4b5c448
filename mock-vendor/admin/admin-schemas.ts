import { z } from 'zod';
import { RuleSchema } from '../engine/rule.ts';

const int = z.coerce.number().int();

export const CreateTenantSchema = z
  .object({
    name: z.string().max(100).optional(),
    clientId: z.string().regex(/^[\w.-]{3,100}$/).optional(),
    clientSecret: z.string().min(16).max(200).optional(),
    scopes: z.array(z.string()).optional(),
    scenario: z.string().optional(),
    seed: z.number().int().optional(),
    rules: z.array(z.unknown()).optional(),
  })
  .strict();

export const UseScenarioSchema = z.object({ name: z.string(), seed: z.number().int().optional() }).strict();
export const SetRulesSchema = z.object({ rules: z.array(RuleSchema.or(z.unknown())) }).strict();
export const RotateSecretSchema = z.object({ graceSeconds: z.number().int().min(0).max(86_400 * 30).default(3_600), newSecret: z.string().min(16).optional() }).strict();
export const TokenTargetSchema = z.object({ tokenId: z.string().optional() }).strict();
/** Both advances, the vendor clock's and a tenant's. */
export const AdvanceClockSchema = z.object({ seconds: z.number().min(0).max(86_400 * 365) }).strict();

export const JournalQuerySchema = z
  .object({
    kind: z.enum(['exchange', 'connection']).optional(),
    method: z.string().optional(),
    path: z.string().optional(),
    status: int.optional(),
    fault: z.string().optional(),
    idempotencyKey: z.string().optional(),
    correlationId: z.string().optional(),
    tokenId: z.string().optional(),
    errorCode: z.string().optional(),
    afterSeq: int.min(0).optional(),
    limit: int.min(1).max(10_000).optional(),
  })
  .strict();

/** `after` is the `next` of the page before: the id of its last tenant. */
export const TenantListQuerySchema = z.object({ limit: int.min(1).max(500).default(100), after: z.string().regex(/^ten_\d+_[0-9a-f]+$/, 'a tenant id, the "next" of the page before').optional() }).strict();

export const DataQuerySchema = z.object({ version: z.enum(['v1', 'v2']).default('v1') }).strict();

export const DeliveryQuerySchema = z
  .object({
    eventId: z.string().optional(),
    type: z.string().optional(),
    subscriptionId: z.string().optional(),
    outcome: z.enum(['delivered', 'retry-scheduled', 'gave-up', 'cancelled']).optional(),
    limit: int.min(1).max(1_000).optional(),
  })
  .strict();
