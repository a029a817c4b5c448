import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
export type Io = 'input' | 'output';

const COMPONENT_PREFIX = '#/components/schemas/';
const SHARED_REF = /^#\/components\/schemas\/__shared#\/\$defs\/(.+)$/;

/** Names for schemas that carry no `.meta({ id })` of their own; kept out of zod's global registry. */
export const componentNames = z.registry<{ id: string }>();

/** Gives a schema a component name in the document without touching zod's global registry. */
export function named<T extends z.ZodType>(schema: T, id: string): T {
  componentNames.add(schema, { id });
  return schema;
}

export interface ConvertedSchemas {
  /** `components.schemas` of the document. */
  components: Record<string, JsonSchema>;
  /** The schema to put in an operation: a `$ref` for named schemas, inline JSON Schema otherwise. */
  schemaFor(schema: z.ZodType, io: Io): JsonSchema;
}

/**
 * Turns the zod schemas the vendor uses into OpenAPI 3.1 schemas (JSON Schema draft 2020-12) with
 * zod's own `z.toJSONSchema`. Request bodies and parameters are converted as `io: 'input'` (what
 * the vendor accepts: defaults make fields optional), responses as `io: 'output'` (what it sends).
 * Schemas with an `id` become `components.schemas` entries; when one id means different things on
 * the two sides, the input side is named `<id>Input`.
 *
 * Response objects are left open (no `additionalProperties: false`) unless the schema is strict:
 * the vendor may add fields, and the tests validate responses with zod, which strips extras too.
 */
export function convertSchemas(uses: ReadonlyArray<{ schema: z.ZodType; io: Io }>): ConvertedSchemas {
  const sides = { input: convertSide(uses, 'input'), output: convertSide(uses, 'output') };
  const components: Record<string, JsonSchema> = {};
  for (const [id, json] of Object.entries(sides.output.named)) components[id] = json;
  const renamed = new Map<string, string>();
  for (const [id, json] of Object.entries(sides.input.named)) {
    if (components[id] !== undefined && JSON.stringify(components[id]) !== JSON.stringify(json)) renamed.set(id, `${id}Input`);
  }
  const renameRefs = (json: JsonSchema) => (renamed.size === 0 ? json : (rewriteRefs(json, (id) => renamed.get(id) ?? id) as JsonSchema));
  for (const [id, json] of Object.entries(sides.input.named)) components[renamed.get(id) ?? id] = renameRefs(json);
  const stray = /#\/components\/schemas\/(__inline_\d+)/.exec(JSON.stringify(components));
  if (stray) throw new Error(`A schema without an id is used both on its own and inside another schema (${stray[1]}): give it a name with named(schema, 'Name').`);

  return {
    components: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    schemaFor(schema, io) {
      const side = sides[io];
      const id = side.ids.get(schema);
      if (id === undefined) throw new Error(`The schema was not registered for ${io}: add it to the operations (or to the extra schemas) before converting.`);
      if (side.inline.has(id)) return io === 'input' ? renameRefs(side.inline.get(id)!) : side.inline.get(id)!;
      return { $ref: COMPONENT_PREFIX + (io === 'input' ? (renamed.get(id) ?? id) : id) };
    },
  };
}

interface Side {
  ids: Map<z.ZodType, string>;
  named: Record<string, JsonSchema>;
  inline: Map<string, JsonSchema>;
}

function convertSide(uses: ReadonlyArray<{ schema: z.ZodType; io: Io }>, io: Io): Side {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  const anonymous = new Set<string>();
  const owner = new Map<string, z.ZodType>();
  for (const use of uses) {
    if (use.io !== io || ids.has(use.schema)) continue;
    let id = z.globalRegistry.get(use.schema)?.id ?? componentNames.get(use.schema)?.id;
    if (typeof id !== 'string') {
      id = `__inline_${ids.size}`;
      anonymous.add(id);
    }
    const other = owner.get(id);
    if (other !== undefined && other !== use.schema) {
      throw new Error(`Two different zod schemas are both named "${id}": give one of them another id, or reuse the same schema object.`);
    }
    owner.set(id, use.schema);
    ids.set(use.schema, id);
    registry.add(use.schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => COMPONENT_PREFIX + id,
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def as { type: string; catchall?: unknown };
      if (io === 'output' && def.type === 'object' && def.catchall === undefined && jsonSchema.additionalProperties === false) {
        delete jsonSchema.additionalProperties;
      }
    },
  });

  const named: Record<string, JsonSchema> = {};
  const inline = new Map<string, JsonSchema>();
  const tidy = (json: unknown) => rewriteRefs(json, (id) => id) as JsonSchema;
  for (const [id, json] of Object.entries(schemas)) {
    if (id === '__shared') {
      const defs = (json as { $defs?: Record<string, JsonSchema> }).$defs ?? {};
      for (const [defId, def] of Object.entries(defs)) named[defId] = tidy(def);
      continue;
    }
    const { $schema: _schema, $id: _id, ...rest } = json as JsonSchema;
    if (anonymous.has(id)) inline.set(id, tidy(rest));
    else named[id] = tidy(rest);
  }
  return { ids, named, inline };
}

/** Points every `$ref` at `#/components/schemas/<name>`, resolving zod's `__shared` defs and renames. */
function rewriteRefs(value: unknown, rename: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') {
      const shared = SHARED_REF.exec(child);
      const id = shared ? shared[1]! : child.startsWith(COMPONENT_PREFIX) ? child.slice(COMPONENT_PREFIX.length) : undefined;
      out[key] = id === undefined ? child : COMPONENT_PREFIX + rename(id);
    } else {
      out[key] = rewriteRefs(child, rename);
    }
  }
  return out;
}
