import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

const SchemaDriftOptions = z
  .object({
    /** Old field name to new one, e.g. `{ "email": "email_address" }`. */
    renames: z.record(z.string(), z.string().min(1)).default({}),
    /** Number fields sent as strings from now on (amounts, ids, counters). */
    stringify: z.array(z.string()).default([]),
    /** Fields that appear out of nowhere, with their value. */
    add: z.record(z.string(), z.unknown()).default({}),
    /** Fields that silently disappear. */
    remove: z.array(z.string()).default([]),
    /** Only records whose `field` (as served before the drift) has one of these values drift: a release migrating records in batches. */
    where: z
      .object({ field: z.string().min(1), in: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1) })
      .strict()
      .optional(),
  })
  .strict();

type SchemaDriftOptions = z.output<typeof SchemaDriftOptions>;

/**
 * The vendor changed its response schema without telling anyone. Applied to each item of a list
 * envelope's `data`, or to a single object; top-level fields of each record only.
 */
export const schemaDrift = defineRequestFault({
  name: 'schema-drift',
  description: 'Serves records with renamed, stringified, added or removed fields (each item of a list, or the single object; only those matching `where` if given): an unannounced schema change.',
  options: SchemaDriftOptions,
  apply({ options }) {
    return { kind: 'rewrite-body', rewrite: { transform: (body) => driftBody(body, options) } };
  },
});

function driftBody(body: unknown, options: SchemaDriftOptions): unknown {
  if (!isRecord(body)) return body;
  if (Array.isArray(body['data'])) return { ...body, data: body['data'].map((item) => driftRecord(item, options)) };
  return driftRecord(body, options);
}

function driftRecord(item: unknown, { renames, stringify, add, remove, where }: SchemaDriftOptions): unknown {
  if (!isRecord(item)) return item;
  if (where && !where.in.includes(item[where.field] as never)) return item;
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(item)) {
    if (remove.includes(field)) continue;
    out[renames[field] ?? field] = stringify.includes(field) && typeof value === 'number' ? String(value) : value;
  }
  return { ...out, ...add };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
