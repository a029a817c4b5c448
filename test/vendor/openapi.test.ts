import { validate, compileErrors } from '@readme/openapi-parser';
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createVendor } from '../../mock-vendor/app.ts';
import { errorHandler } from '../../mock-vendor/http/error-handler.ts';
import type { RouteTable } from '../../mock-vendor/http/route-table.ts';
import { componentNames } from '../../mock-vendor/openapi/json-schemas.ts';
import type { OpenApiDocument, OperationObject } from '../../mock-vendor/openapi/openapi-document.ts';
import { openapiRoutes } from '../../mock-vendor/openapi/openapi-routes.ts';
import { OPERATIONS } from '../../mock-vendor/openapi/operations.ts';
import { listOperations } from '../../mock-vendor/openapi/render-docs.ts';
import { defineDocsVariant } from '../../mock-vendor/openapi/variants/docs-variant.ts';
import { docsVariants } from '../../mock-vendor/openapi/variants/index.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import { ProblemSchema } from '../../mock-vendor/schemas/problem.ts';
import { startVendor } from '../../mock-vendor/server.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

/** Tools of the lab around the vendor, not the vendor's API: deliberately undocumented. */
const UNDOCUMENTED_PREFIXES = ['/__admin', '/console'];

let v: TestVendor;
let doc: OpenApiDocument;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { seed: 7 } });
  const res = await v.http.get('/openapi.json');
  expect(res.status).toBe(200);
  doc = res.data as OpenApiDocument;
});
afterAll(() => v.close());

/** `{ method, path }` of every route Express serves, found by walking the router stack. */
function servedRoutes(app: Express): Array<{ method: string; path: string }> {
  interface Layer {
    rawPath?: unknown;
    route?: { path: unknown; methods: Record<string, boolean> };
    handle: Handler;
  }
  type Handler = { stack?: Layer[]; inner?: Handler | Handler[]; table?: RouteTable };
  // Routers hide behind `onlyFor` gates (`inner`) and the composed pipeline (`inner: [...]`);
  // the API's routes are a RouteTable, read here as if they were Express route layers.
  const asLayers = (table: RouteTable): Layer[] => table.routes().map(({ method, path }) => ({ route: { path, methods: { [method.toLowerCase()]: true } }, handle: {} }));
  const stacksOf = (handler: Handler): Layer[][] =>
    handler.stack ? [handler.stack] : handler.table ? [asLayers(handler.table)] : handler.inner ? [handler.inner].flat().flatMap(stacksOf) : [];
  const join = (a: string, b: string) => (a + b).replace(/\/+/g, '/') || '/';
  const walk = (stack: Layer[], prefix: string): Array<{ method: string; path: string }> =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        return paths.flatMap((path) =>
          Object.keys(layer.route!.methods)
            .filter((m) => m !== '_all')
            .map((method) => ({ method, path: join(prefix, String(path)).replace(/:(\w+)/g, '{$1}') })),
        );
      }
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return stacksOf(layer.handle).flatMap((stack) => walk(stack, join(prefix, mount)));
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
const documented = () => listOperations(doc).map(({ method, path, op }) => ({ method, path, op }));

/** The zod schema the registry declares for an operation's response, and the component it became. */
function responseSchema(operationId: string, status: number): z.ZodType {
  const op = OPERATIONS.find((o) => o.operationId === operationId);
  const schema = op?.responses.find((r) => r.status === status)?.schema;
  if (!schema) throw new Error(`${operationId} declares no ${status} schema`);
  return schema;
}

function documentedResponse(operationId: string, status: number) {
  const found = documented().find((d) => d.op.operationId === operationId);
  if (!found) throw new Error(`${operationId} is not in the document`);
  return (found.op as OperationObject).responses[String(status)];
}

function componentIdOf(schema: z.ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.id ?? componentNames.get(schema)?.id;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document according to @readme/openapi-parser', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.specification).toBe('OpenAPI');
  });

  it('names this vendor as its server and token URL, and lists every scope', () => {
    expect(doc.servers[0]!.url).toBe(v.url);
    const oauth2 = doc.components.securitySchemes['oauth2'] as { flows: { clientCredentials: { tokenUrl: string; scopes: Record<string, string> } } };
    expect(oauth2.flows.clientCredentials.tokenUrl).toBe(`${v.url}/oauth/token`);
    expect(Object.keys(oauth2.flows.clientCredentials.scopes).sort()).toEqual([...v.tenant.allowedScopes].sort());
  });

  it('documents every route the vendor serves, and serves every route it documents', () => {
    const { app } = createVendor({ log: () => {} });
    const served = servedRoutes(app).filter((r) => !UNDOCUMENTED_PREFIXES.some((prefix) => r.path.startsWith(prefix)));
    expect(served.length).toBeGreaterThan(10);
    const servedKeys = new Set(served.map((r) => key(r.method, r.path)));
    const documentedKeys = new Set(documented().map((d) => key(d.method, d.path)));
    expect([...servedKeys].filter((k) => !documentedKeys.has(k)), 'served but not documented').toEqual([]);
    expect([...documentedKeys].filter((k) => !servedKeys.has(k)), 'documented but not served').toEqual([]);
  });

  it('answers every documented operation with something other than route_not_found', async () => {
    const api = await v.authed();
    for (const { method, path, op } of documented()) {
      // A made-up id: the route must exist even when the record does not (and nothing gets deleted).
      const url = path.replace(/\{\w+\}/g, 'zz_999999');
      const form = op.requestBody?.content['application/x-www-form-urlencoded'] ? new URLSearchParams({ token: 'x' }) : undefined;
      const res = await api.request({ method, url, data: form ?? (op.requestBody ? {} : undefined) });
      expect(res.data?.code, key(method, path)).not.toBe('route_not_found');
      expect(res.status, key(method, path)).toBeLessThan(500);
    }
  });

  it('puts every schema the registry names into components.schemas, once', () => {
    for (const op of OPERATIONS) {
      for (const response of op.responses) {
        const id = response.schema && componentIdOf(response.schema);
        if (id) expect(doc.components.schemas, `${op.operationId} ${response.status}`).toHaveProperty(id);
      }
      const bodyId = op.requestBody && componentIdOf(op.requestBody.schema);
      if (bodyId) expect(Object.keys(doc.components.schemas), op.operationId).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${bodyId}(Input)?$`))]));
    }
    expect(doc.components.schemas).toHaveProperty('Problem');
  });
});

describe('real responses match the documented schemas (the same zod schemas)', () => {
  async function expectDocumented(operationId: string, status: number, res: { status: number; data: unknown; headers: Record<string, unknown> }) {
    expect(res.status, operationId).toBe(status);
    const response = documentedResponse(operationId, status);
    expect(response, `${operationId} documents ${status}`).toBeDefined();
    const [mediaType, media] = Object.entries(response!.content ?? {})[0]!;
    expect(String(res.headers['content-type'])).toContain(mediaType);
    const schema = status < 400 ? responseSchema(operationId, status) : ProblemSchema;
    expect(media.schema).toEqual({ $ref: `#/components/schemas/${componentIdOf(schema)}` });
    const parsed = schema.safeParse(res.data);
    expect(parsed.success, `${operationId} ${status}: ${parsed.error?.message}`).toBe(true);
    for (const header of Object.keys(response!.headers ?? {}).filter((h) => ['X-Request-Id', 'X-RateLimit-Limit', 'RateLimit'].includes(h))) {
      expect(res.headers[header.toLowerCase()], `${operationId} ${status} sends ${header}`).toBeDefined();
    }
  }

  it('lists and gets contacts in v1 and v2 as documented', async () => {
    const api = await v.authed('contacts:read');
    await expectDocumented('listContactsV1', 200, await api.get('/v1/contacts?limit=5'));
    await expectDocumented('listContactsV2', 200, await api.get('/v2/contacts?limit=5'));
    await expectDocumented('getContactV1', 200, await api.get('/v1/contacts/ct_000002'));
    await expectDocumented('getContactV2', 200, await api.get('/v2/contacts/ct_000002'));
  });

  it('answers 401, 404 and 422 with documented problem documents', async () => {
    const unauthenticated = await v.http.get('/v1/contacts');
    await expectDocumented('listContactsV1', 401, unauthenticated);
    expect(unauthenticated.data.request_id).toBe(unauthenticated.headers['x-request-id']);

    const api = await v.authed('contacts:read contacts:write');
    const missing = await api.get('/v2/contacts/ct_999999');
    await expectDocumented('getContactV2', 404, missing);
    expect(missing.data.code).toBe('not_found');

    const invalid = await api.post('/v1/contacts', { first_name: '', email: 'nope' });
    await expectDocumented('createContactV1', 422, invalid);
    expect(invalid.data.code).toBe('validation_failed');
    expect(invalid.data.errors.length).toBeGreaterThan(0);
  });

  it('answers every documented collection and record GET with a body its schema accepts, and the documented headers', async () => {
    const api = await v.authed();
    const gets = documented().filter(({ method, path }) => method === 'get' && /^\/v[12]\//.test(path));
    let checked = 0;
    for (const list of gets.filter(({ path }) => !path.includes('{'))) {
      const res = await api.get(list.path);
      await expectDocumented(list.op.operationId, 200, res);
      if (list.op.deprecated) for (const header of ['deprecation', 'sunset', 'link']) expect(res.headers[header], `${list.path} ${header}`).toBeDefined();
      checked++;
      const first = (res.data as { data: Array<{ id: string }> }).data[0];
      const one = gets.find(({ path }) => path === `${list.path}/{id}`);
      if (first && one) {
        await expectDocumented(one.op.operationId, 200, await api.get(`${list.path}/${first.id}`));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('creates a contact with the documented 201 and Location', async () => {
    const api = await v.authed('contacts:write');
    const created = await api.post('/v2/contacts', { name: { first: 'Grace', last: 'Hopper' }, email: 'grace@example.com' });
    await expectDocumented('createContactV2', 201, created);
    expect(created.headers['location']).toBe(`/v2/contacts/${created.data.id}`);
  });
});

describe('/docs', () => {
  it('renders one self-contained HTML page that mentions every operation', async () => {
    const res = await v.http.get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.data as string;
    for (const { method, path, op } of documented()) {
      expect(html, op.operationId).toContain(`id="op-${op.operationId}"`);
      expect(html, op.operationId).toContain(`<span class="method ${method}">${method.toUpperCase()}</span><code>${path}</code>`);
    }
    for (const section of ['Authentication', 'Errors', 'Pagination', 'Rate limits', 'Features and limitations', 'Scopes']) expect(html).toContain(`>${section}</`);
    expect(html).toContain('contacts:read');
    expect(html).toContain('application/problem+json');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });
});

describe('docs variants', () => {
  it('serves the complete variant by default and refuses an unknown one by name', async () => {
    expect([...docsVariants.keys()]).toContain('complete');
    const complete = await v.http.get('/openapi.json?variant=complete');
    expect(complete.data).toEqual(doc);
    const unknown = await v.http.get('/docs?variant=vague');
    expect(unknown.status).toBe(400);
    expect(unknown.data).toMatchObject({ code: 'invalid_query' });
    expect(unknown.data.detail).toContain('"vague"');
    expect(unknown.data.detail).toContain('complete');
  });

  it('lets a scenario pick a variant that changes both /openapi.json and /docs', async () => {
    const partial = defineDocsVariant({
      name: 'no-deletes',
      description: 'test: forgets that contacts can be deleted',
      apply: (document) => {
        for (const item of Object.values(document.paths)) delete item.delete;
        return document;
      },
    });
    const scenario = defineScenario({ name: 'docs-test', description: 'test', settings: { docsVariant: 'no-deletes' } });
    const running = await startVendor({ log: () => {}, scenarios: [scenario], defaultScenario: 'docs-test' });
    const app = express();
    app.use(openapiRoutes(running.vendor, new Map([...docsVariants, [partial.name, partial]])));
    app.use(errorHandler(() => {}));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const served = (await (await fetch(`${base}/openapi.json`)).json()) as OpenApiDocument;
      expect(listOperations(served).some((o) => o.method === 'delete')).toBe(false);
      expect(listOperations(served).length).toBeGreaterThan(0);
      const html = await (await fetch(`${base}/docs`)).text();
      expect(html).not.toContain('deleteContactV1');
      expect(html).toContain('docs: no-deletes');
      const full = (await (await fetch(`${base}/openapi.json?variant=complete`)).json()) as OpenApiDocument;
      expect(listOperations(full).some((o) => o.method === 'delete')).toBe(true);
    } finally {
      server.close();
      await running.close();
    }
  });
});
