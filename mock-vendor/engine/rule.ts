import { z } from 'zod';

/** Which requests (or webhook deliveries) a rule looks at. Every given field must match. */
export const RuleMatchSchema = z
  .object({
    method: z.union([z.string(), z.array(z.string())]).optional(),
    /** `/v1/contacts`, `/v1/contacts/:id`, `/v1/*` (one segment) or `/v1/**` (anything below). */
    path: z.string().startsWith('/').optional(),
    /** Header name to required value; `*` means "present with any value", `""` means "absent". */
    headers: z.record(z.string(), z.string()).optional(),
    /** The request's JSON body, serialised, contains this text (a payload match). */
    bodyContains: z.string().optional(),
    /** Webhook deliveries: the event type, e.g. `contact.updated`. */
    event: z.string().optional(),
  })
  .strict();

/** When a matching request is actually hit. Counters are per tenant and per rule. */
export const RuleWhenSchema = z
  .object({
    /** Let the first N matching requests through untouched. */
    afterN: z.number().int().min(0).optional(),
    /** Only every Nth matching request (counted after `afterN`). */
    everyNth: z.number().int().min(1).optional(),
    /** Fire at most this many times. */
    times: z.number().int().min(1).optional(),
    /** Window in seconds of the tenant's clock since the scenario was activated: [fromSeconds, untilSeconds). */
    fromSeconds: z.number().min(0).optional(),
    untilSeconds: z.number().min(0).optional(),
    /** Chance of firing, drawn from the tenant's seeded PRNG. */
    probability: z.number().min(0).max(1).optional(),
  })
  .strict();

export const SequenceStepSchema = z.union([
  z.literal('pass'),
  z.object({ fault: z.string(), options: z.record(z.string(), z.unknown()).optional() }).strict(),
]);

export const RuleSchema = z
  .object({
    id: z.string().optional(),
    description: z.string().optional(),
    match: RuleMatchSchema.default({}),
    when: RuleWhenSchema.default({}),
    /** One fault applied whenever the rule fires... */
    fault: z.string().optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    /** ...or a script, one step per matching request: `[503, 503, 429, reset, pass]`. */
    sequence: z.array(SequenceStepSchema).min(1).optional(),
    /** Start the sequence again once it has run out (default: let requests through). */
    loop: z.boolean().default(false),
  })
  .strict()
  .refine((rule) => (rule.fault === undefined) !== (rule.sequence === undefined), {
    message: 'A rule needs exactly one of "fault" or "sequence".',
  });

export type RuleInput = z.input<typeof RuleSchema>;
export type Rule = z.output<typeof RuleSchema>;
export type SequenceStep = z.output<typeof SequenceStepSchema>;
