import fc from 'fast-check';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../mock-vendor/openapi/openapi-document.ts';
import { OPERATIONS } from '../../mock-vendor/openapi/operations.ts';
import { listOperations } from '../../mock-vendor/openapi/render-docs.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import { ProblemSchema } from '../../mock-vendor/schemas/problem.ts';
import { startTestVendor, TEST_ADMIN_TOKEN, type TestVendor } from '../support/test-vendor.ts';

/**
 * Thousands of random, mostly malformed requests over real HTTP. Whatever arrives, the vendor
 * answers a problem document it can stand behind (a `code`, the request id) or a success its
 * documentation promises; never a 5xx, an HTML page or a stack trace, and it keeps serving.
 */

const REQUESTS = 2_080;
const CONCURRENCY = 8;
/** Calm, with a rate limit no fuzzer reaches: a 429 is fine, but the final check must get through. */
const fuzzScenario = defineScenario({
  name: 'fuzz',
  description: 'calm, with a huge rate limit',
  settings: { rateLimit: { limit: 1_000_000, windowSeconds: 1 } },
});

let v: TestVendor;
let token: string;
/** Allowed to read contacts only: every other operation answers 403. */
let narrowToken: string;
let agent: http.Agent;
let documented: Array<{ method: string; pattern: RegExp; operationId: string; statuses: string[] }>;

beforeAll(async () => {
  v = await startTestVendor({ scenarios: [fuzzScenario], tenant: { scenario: 'fuzz', seed: 3 } });
  token = await v.token();
  narrowToken = await v.token('contacts:read');
  agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const doc = (await v.http.get('/openapi.json')).data as OpenApiDocument;
  documented = listOperations(doc).map(({ method, path, op }) => ({
    method: method.toUpperCase(),
    // Express matches case-insensitively and tolerates one trailing slash.
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`, 'i'),
    operationId: op.operationId,
    statuses: Object.keys(op.responses),
  }));
});
afterAll(async () => {
  agent?.destroy();
  await v?.close();
});

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Raw bytes 0x80–0xFF in the path: Node's parser answers before the vendor sees the request. */
  rawBytesInPath?: boolean;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // Node's client sends a DELETE/OPTIONS body without Content-Length unless told: say it, always.
    const headers = request.body ? { ...request.headers, 'content-length': String(request.body.length) } : request.headers;
    const req = http.request(v.url, { method: request.method, path: request.path, headers, agent, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within 10 s to ${request.method} ${request.path.slice(0, 200)}`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

// ---------------------------------------------------------------------------------------------
// Generators. Everything stays within what Node's HTTP client will put on the wire: paths of
// bytes 0x21–0xFF, header values without control characters, header names that are tokens.

/** Percent-encodes any string as UTF-8 (lone surrogates included, which encodeURIComponent refuses). */
const percentEncode = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

const segment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('contacts', 'leads', 'deals', 'jobs', 'imports', 'webhooks', 'oauth', 'token', 'revoke', 'introspect', 'docs', 'openapi.json') },
  { weight: 3, arbitrary: fc.constantFrom('ct_000001', 'ct_999999', 'dl_000001', 'ld_000001', 'jb_000001', 'wh_000001', '0', '-1', 'null', 'undefined', '__proto__', 'constructor') },
  { weight: 3, arbitrary: fc.constantFrom('', '.', '..', '%', '%%', '%zz', '%00', '%2F', '%2e%2e', '%E0%A4%A', '%C0%AF', '%FF%FE', '%u0041', ';', ':id', '*', '(.*)', '{id}') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(percentEncode) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 20 }).map((s) => s.replaceAll('?', '%3F').replaceAll('#', '%23')) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 10_000 }).chain((n) => fc.constantFrom('a', '%41', '/', 'ct_').map((unit) => unit.repeat(Math.ceil(n / unit.length)))) },
);

const queryValue = fc.oneof(
  fc.constantFrom('0', '1', '-1', '20', '100', '101', '1e3', '0x10', '1.5', 'ten', '', '%', '%zz', '%00', 'null', '[]', '99999999999999999999'),
  fc.constantFrom(Buffer.from('{"after":"ct_000003"}').toString('base64url'), Buffer.from('{"after":"../etc"}').toString('base64url'), Buffer.from('{"after":1}').toString('base64url'), 'eyJ4IjoxfQ', '!!!'),
  fc.string({ maxLength: 30 }).map(percentEncode),
);
const query = fc
  .array(fc.tuple(fc.constantFrom('limit', 'cursor', 'variant', 'limit[]', 'cursor[a]', 'x', '%', 'a%zz'), queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, val]) => `${k}=${val}`).join('&')}` : ''));

const documentedPath = fc.constantFrom(...OPERATIONS.map((op) => op.path)).chain((template) =>
  fc.constantFrom('ct_000001', 'zz_999999', '%', '..').map((id) => template.replace(/\{\w+\}/g, id)),
);
const path = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: documentedPath },
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.constantFrom('', '/v1', '/v2', '/V1', '/v3', '/oauth', '/.well-known', '/__admin', '//v1', '/v1/'), fc.array(segment, { maxLength: 4 }))
          .map(([prefix, parts]) => `${prefix}/${parts.join('/')}`),
      },
    ),
    query,
  )
  .map(([p, q]) => p + q);

const latin1 = fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 8 });
const headerText = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength: 60 });
const fakeJwt = fc
  .tuple(fc.constantFrom('{"alg":"none"}', '{"alg":"HS256","typ":"at+jwt"}', '{"alg":"RS256"}', 'not json'), fc.constantFrom('{"jti":"tok_x"}', '{}', '[]', '{"jti":1}'), fc.constantFrom('', 'sig', 'AAAA'))
  .map(([h, p, s]) => `${Buffer.from(h).toString('base64url')}.${Buffer.from(p).toString('base64url')}.${s}`);

const authorization = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(`Bearer ${token}`) },
    { weight: 1, arbitrary: fc.constant(`bearer ${token}`) },
    { weight: 2, arbitrary: fc.constant(`Bearer ${narrowToken}`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${token}x`) },
    { weight: 1, arbitrary: fc.constant(`Bearer ${token.slice(0, -4)}`) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Bearer  ', 'Bearer a.b.c', 'Bearer ....', 'Basic', 'Basic %%%%', 'Basic Og==', 'Digest x', 'Token abc', '') },
    { weight: 2, arbitrary: fakeJwt.map((jwt) => `Bearer ${jwt}`) },
    { weight: 1, arbitrary: fc.constant(`Basic ${Buffer.from(`${v.clientId}:${v.clientSecret}`).toString('base64')}`) },
    { weight: 1, arbitrary: fc.tuple(headerText, headerText).map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`, 'latin1').toString('base64')}`) },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A:x', '%:%', ':') .map((s) => `Basic ${Buffer.from(s).toString('base64')}`) },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 8_000 }).map((n) => `Bearer ${'a.'.repeat(n)}`) },
  );

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=ebcdic',
  'application/json; charset="',
  'application/merge-patch+json',
  'application/vnd.acme+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/html',
  'application/xml',
  'application/octet-stream',
  '*/*',
  ';;;',
  'json',
);

const jsonText = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null');
const body = fc.oneof(
  { weight: 4, arbitrary: jsonText.map((t) => Buffer.from(t)) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('{', '{"a":', '[1,2', '{"a":1,}', "{'a':1}", 'nul', 'tru', '"unterminated', '{"email":"a@b.c"}}', '\u0000', '\ufeff{}', '{"a":1}garbage', '1e999999', '{"__proto__":{"admin":true}}', 'grant_type=client_credentials&scope=%zz')
      .map((t) => Buffer.from(t)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 5_000 }).map((depth) => Buffer.from('['.repeat(depth) + ']'.repeat(depth))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)) },
  // Over the 1 MiB limit: rare, so the run stays fast.
  { weight: 1, arbitrary: fc.integer({ min: 1_048_577, max: 1_300_000 }).chain((size) => fc.constantFrom('a', '[', ' ').map((fill) => Buffer.alloc(size, fill))) },
);

/** `arbitrary` in `percent` of the cases, otherwise undefined. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, percent: number) =>
  fc.oneof({ weight: percent, arbitrary }, { weight: 100 - percent, arbitrary: fc.constant(undefined) });

const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'keep-alive', 'te', 'trailer', 'proxy-connection']);
const extraHeaders = fc.dictionary(
  fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,20}$/).filter((name) => !RESERVED_HEADERS.has(name.toLowerCase())),
  headerText,
  { maxKeys: 3 },
);

const requestArb = () => fc
  .record(
    {
      method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'SEARCH', 'COPY', 'MKCOL'),
      path,
      latin1Path: sometimes(latin1, 3),
      authorization: sometimes(authorization(), 75),
      contentType: sometimes(contentType, 60),
      contentEncoding: sometimes(fc.constantFrom('gzip', 'deflate', 'br', 'xz', 'identity', 'GZIP'), 6),
      requestId: sometimes(fc.oneof(fc.stringMatching(/^[\w.:-]{1,128}$/), headerText, fc.constant('x'.repeat(200))), 30),
      idempotencyKey: sometimes(fc.oneof(fc.uuid(), fc.constant(''), fc.constant('k'.repeat(300))), 10),
      accept: sometimes(fc.constantFrom('text/html', 'application/xml', '*/*', 'application/json', 'image/png'), 20),
      extra: extraHeaders,
      body: sometimes(body, 50),
      // A quarter of the requests aim at a real operation (its method, a real id), so successes get judged too.
      operation: sometimes(fc.constantFrom(...OPERATIONS), 25),
      query,
    },
    { requiredKeys: ['method', 'path', 'extra'] },
  )
  .map((r): FuzzRequest => {
    const headers: Record<string, string> = { ...r.extra };
    const set = (name: string, value: string | undefined) => {
      if (value === undefined) return;
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name) delete headers[key];
      headers[name] = value;
    };
    set('authorization', r.authorization);
    set('content-type', r.contentType);
    set('content-encoding', r.contentEncoding);
    set('x-request-id', r.requestId);
    set('idempotency-key', r.idempotencyKey);
    set('accept', r.accept);
    // Raw non-ASCII bytes in the request line are not valid HTTP: only without a body, so the
    // vendor's early answer cannot race an upload.
    const id = String(r.operation?.parameters?.find((p) => p.in === 'path')?.example ?? 'ct_000001');
    const method = r.operation ? r.operation.method.toUpperCase() : r.method;
    const target = r.operation ? r.operation.path.replace(/\{\w+\}/g, id) + r.query : r.path;
    const rawPath = r.latin1Path && !r.body ? `${target.split('?')[0]}${r.latin1Path}` : target;
    return { method, path: rawPath, headers, rawBytesInPath: rawPath !== target, ...(r.body ? { body: r.body } : {}) };
  });

// ---------------------------------------------------------------------------------------------
// The oracle.

const STACK_TRACE = /\n\s+at .+[(\s].*:\d+:\d+|node_modules|\.ts:\d+|(Type|Range|Reference|Syntax)Error:/;
const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

function documentedSuccess(method: string, pathname: string, status: number) {
  const asMethod = method === 'HEAD' ? 'GET' : method;
  const op = documented.find((d) => d.method === asMethod && d.pattern.test(pathname));
  return op && op.statuses.includes(String(status)) ? op : undefined;
}

/** Why this answer is not acceptable, or undefined when it is. */
function judge(req: FuzzRequest, res: Answer): string | undefined {
  const contentType = String(res.headers['content-type'] ?? '');
  const requestId = res.headers['x-request-id'];
  const pathname = req.path.split('?')[0]!;
  if (res.status >= 500) return `status ${res.status}`;
  if (typeof requestId !== 'string' || requestId === '') return 'no X-Request-Id';
  const sent = req.headers['x-request-id'];
  if (sent !== undefined && SANE_REQUEST_ID.test(sent) && requestId !== sent) return `X-Request-Id ${requestId} is not the one sent (${sent})`;
  if (STACK_TRACE.test(res.body)) return `a stack trace in the body: ${res.body.slice(0, 300)}`;

  if (res.status < 400) {
    if (req.method === 'OPTIONS' && res.status === 200) {
      const allowed = String(res.headers['allow'] ?? '').split(/,\s*/).filter(Boolean);
      const undocumented = allowed.filter((m) => m !== 'HEAD' && !documented.some((d) => d.method === m && d.pattern.test(pathname)));
      return allowed.length && !undocumented.length ? undefined : `OPTIONS allows undocumented ${undocumented.join(', ') || '(nothing)'}`;
    }
    const op = documentedSuccess(req.method, pathname, res.status);
    if (!op) return `undocumented success ${res.status} for ${req.method} ${pathname.slice(0, 120)}`;
    if (req.method === 'HEAD' || res.status === 204) return undefined;
    if (contentType.startsWith('text/html')) return op.operationId === 'getDocs' ? undefined : 'an HTML body';
    const schema = OPERATIONS.find((o) => o.operationId === op.operationId)!.responses.find((r) => r.status === res.status)?.schema;
    if (!schema) return undefined;
    const parsed = schema.safeParse(JSON.parse(res.body));
    return parsed.success ? undefined : `${op.operationId} ${res.status} does not match its documented schema: ${parsed.error.message.slice(0, 300)}`;
  }

  if (!/^application\/(problem\+)?json/.test(contentType)) return `error ${res.status} as ${contentType || 'no content type'}`;
  if (req.method === 'HEAD') return undefined;
  let problem: unknown;
  try {
    problem = JSON.parse(res.body);
  } catch {
    return `error ${res.status} with a body that is not JSON: ${res.body.slice(0, 200)}`;
  }
  const parsed = ProblemSchema.safeParse(problem);
  if (!parsed.success) return `not a problem document: ${res.body.slice(0, 300)}`;
  if (parsed.data.status !== res.status) return `problem status ${parsed.data.status} on a ${res.status}`;
  if (parsed.data.request_id !== requestId) return `request_id ${parsed.data.request_id} is not X-Request-Id ${requestId}`;
  if (parsed.data.code === '') return 'an empty code';
  return undefined;
}

const describeRequest = (r: FuzzRequest) =>
  `${r.method} ${r.path.slice(0, 200)}${r.path.length > 200 ? `… (${r.path.length} chars)` : ''} ${JSON.stringify(r.headers).slice(0, 300)} body=${r.body ? `${r.body.length} bytes: ${r.body.subarray(0, 80).toString('latin1')}` : 'none'}`;

describe('malformed requests', () => {
  it(`answers ${REQUESTS} random malformed requests with problem documents or documented successes, and keeps serving`, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb(), { minLength: CONCURRENCY, maxLength: CONCURRENCY }), async (batch) => {
        const answers = await Promise.all(batch.map((r) => send(r).then((a) => ({ ok: true as const, a }), (e: Error) => ({ ok: false as const, e }))));
        sent += batch.length;
        batch.forEach((req, i) => {
          const answer = answers[i]!;
          if (!answer.ok) throw new Error(`no answer (${answer.e.message}) to ${describeRequest(req)}`);
          statuses.set(answer.a.status, (statuses.get(answer.a.status) ?? 0) + 1);
          const verdict = judge(req, answer.a);
          if (verdict) throw new Error(`${verdict}\n  request: ${describeRequest(req)}\n  answer: ${answer.a.status} ${answer.a.body.slice(0, 300)}`);
        });
      }),
      { numRuns: REQUESTS / CONCURRENCY, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(2_000);
    // The mix reached the interesting places: successes, auth failures, bad bodies, unknown routes.
    for (const status of [200, 400, 401, 404]) expect(statuses.get(status) ?? 0, `answers with ${status}`).toBeGreaterThan(0);

    const after = await v.http.get('/v1/contacts', { headers: { Authorization: `Bearer ${await v.token()}` } });
    expect(after.status).toBe(200);
    expect(after.data.data.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('malformed requests, one by one', () => {
  const authed = () => ({ Authorization: `Bearer ${token}` });

  it('refuses a body over 1 MiB with 413 payload_too_large', async () => {
    const huge = JSON.stringify({ first_name: 'x'.repeat(1_100_000), last_name: 'y', email: 'a@example.com' });
    const res = await v.http.post('/v1/contacts', huge, { headers: { ...authed(), 'Content-Type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.data).toMatchObject({ code: 'payload_too_large', status: 413, request_id: res.headers['x-request-id'] });
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    // Raw HTTP: axios would "helpfully" re-encode an unparsable string as a JSON string literal.
    const res = await send({ method: 'POST', path: '/v1/contacts', headers: { ...authed(), 'Content-Type': 'application/json' }, body: Buffer.from('{"first_name": "Ada",}') });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'invalid_json', request_id: res.headers['x-request-id'] });
  });

  it('refuses JSON nested deeper than the limit with 400 invalid_json, instead of crashing', async () => {
    const deep = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    const res = await v.http.post('/v1/leads', deep, { headers: { ...authed(), 'Content-Type': 'application/json', 'Idempotency-Key': 'deep-1' } });
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('invalid_json');
    expect((await v.http.get('/v1/contacts?limit=1', { headers: authed() })).status).toBe(200);
  });

  it('refuses a text/plain body with 415 unsupported_media_type', async () => {
    const res = await v.http.post('/v1/contacts', 'first_name=Ada', { headers: { ...authed(), 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.data).toMatchObject({ code: 'unsupported_media_type', request_id: res.headers['x-request-id'] });
  });

  it('answers an unknown route with 404 route_not_found, echoing the caller\'s request id', async () => {
    const res = await v.http.get('/v1/contactz', { headers: { ...authed(), 'X-Request-Id': 'fuzz-check-1' } });
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('fuzz-check-1');
    expect(res.data).toMatchObject({ code: 'route_not_found', request_id: 'fuzz-check-1' });
  });

  it('refuses an unknown scenario through the admin API with 400, naming it', async () => {
    const res = await v.admin.put(`/tenants/${v.tenant.id}/scenario`, { name: 'no-such-scenario' });
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('unknown_scenario');
    expect(res.data.detail).toContain('"no-such-scenario"');
    expect(res.data.detail).toContain('calm');
    expect(v.tenant.scenario.name).toBe('fuzz');
  });

  /** Bytes Node's HTTP client would refuse to send: a raw socket, one request, then the answer. */
  function rawRequest(head: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(v.port, '127.0.0.1', () => socket.end(Buffer.from(head, 'utf8')));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [headText = '', body = ''] = text.split('\r\n\r\n');
        const [statusLine = '', ...lines] = headText.split('\r\n');
        const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
      });
    });
  }

  it('answers a request line Node cannot parse (raw UTF-8 in the path) with a 400 problem document', async () => {
    const res = await rawRequest(`GET /v1/contacts/ünïcødé-☃ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ProblemSchema.parse(JSON.parse(res.body))).toMatchObject({ code: 'bad_request', request_id: res.headers['x-request-id'] });
  });

  it('answers headers over 16 KiB with a 431 problem document', async () => {
    const res = await rawRequest(`GET /v1/contacts?cursor=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'headers_too_large', status: 431, request_id: res.headers['x-request-id'] });
  });
});
