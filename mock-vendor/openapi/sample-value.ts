import type { JsonSchema } from './json-schemas.ts';

const MAX_DEPTH = 6;

/**
 * An example value for a JSON Schema, for the docs page: `example`, `examples`, `default`, `const`
 * or the first `enum` member when the schema has one, otherwise a placeholder of the right type.
 * `$ref`s are followed into `components.schemas`.
 */
export function sampleValue(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): unknown {
  if (!schema || depth > MAX_DEPTH) return null;
  const ref = schema['$ref'];
  if (typeof ref === 'string') return sampleValue(components[ref.split('/').pop()!], components, depth + 1);
  if ('example' in schema) return schema['example'];
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0];
  if ('default' in schema) return schema['default'];
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const first = (options as JsonSchema[]).find((o) => o['type'] !== 'null') ?? options[0];
      return sampleValue(first as JsonSchema, components, depth + 1);
    }
  }
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[]).find((t) => t !== 'null') : schema['type'];
  switch (type) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, sampleValue(child, components, depth + 1)]));
    }
    case 'array':
      return [sampleValue(schema['items'] as JsonSchema | undefined, components, depth + 1)];
    case 'integer':
    case 'number': {
      const minimum = schema['minimum'];
      return typeof minimum === 'number' && minimum > 0 ? minimum : 0;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return sampleString(schema);
    default:
      return {};
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema['format']) {
    case 'email':
      return 'ada@example.com';
    case 'date':
      return '2026-01-31';
    case 'date-time':
      return '2026-01-31T09:30:00.000Z';
    case 'uri':
    case 'url':
      return 'http://127.0.0.1:8080/hooks';
  }
  const description = String(schema['description'] ?? '');
  if (/ISO 8601/.test(description)) return '2026-01-31T09:30:00.000Z';
  if (/YYYY-MM-DD/.test(description)) return '2026-01-31';
  if (/ISO 4217/.test(description)) return 'EUR';
  if (/ISO 3166/.test(description)) return 'GB';
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  return 'string'.padEnd(minLength, 'x');
}
