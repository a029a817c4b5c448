import { z } from 'zod';
import { RuleSchema } from '../engine/rule.ts';

export const ScenarioSettingsSchema = z
  .object({
    /** Lifetime of access tokens issued while the scenario is active. */
    tokenTtlSeconds: z.number().int().min(1).max(86_400).default(3_600),
    /** Token bucket: `limit` requests per `windowSeconds`, refilled continuously. */
    rateLimit: z
      .object({ limit: z.number().int().min(1), windowSeconds: z.number().int().min(1) })
      .strict()
      .default({ limit: 600, windowSeconds: 60 }),
    /** Records generated (from the seed) when a tenant is created or reset. */
    seedContacts: z.number().int().min(0).max(20_000).default(45),
    seedDeals: z.number().int().min(0).max(20_000).default(12),
    /** Contacts processed per second of the tenant's clock by bulk import jobs. */
    importRecordsPerSecond: z.number().int().min(1).default(50),
    /** Seconds between webhook delivery attempts after a failure; its length bounds the attempts. */
    webhookRetrySeconds: z.array(z.number().min(0)).max(10).default([1, 5, 30, 120]),
    /** Which `/docs` and `/openapi.json` to serve: the full truth, or a lab's deliberately partial one. */
    docsVariant: z.string().default('complete'),
    /**
     * How an API call with an expired token is refused: RFC 6750's `401` (problem code
     * `token_expired`), or, as some vendors do, a `403` with their own code `session_expired`.
     */
    expiredTokenSignal: z.enum(['401-token-expired', '403-session-expired']).default('401-token-expired'),
    /** Name the fault that shaped a response in `X-Acme-Fault`. Off where finding out is the lesson (lab 03); the journal always records it. */
    announceFaults: z.boolean().default(true),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    description: z.string(),
    /** Default seed for the PRNG and the generated records; a tenant may override it. */
    seed: z.number().int().default(1),
    settings: ScenarioSettingsSchema.default(ScenarioSettingsSchema.parse({})),
    rules: z.array(RuleSchema).default([]),
  })
  .strict();

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioSettings = z.output<typeof ScenarioSettingsSchema>;

export function defineScenario(input: ScenarioInput): Scenario {
  return ScenarioSchema.parse(input);
}
