import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { AcmeError, createAcmeClient, type AcmeClientOptions } from '../client.ts';

const ACME = 'https://acme.test';
const SECRET = 'test-secret-5d1e';

const contact = {
  id: 'ct_1',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'Ada.Lovelace@Example.com',
  company: 'Analytical Engines',
  created_at: '2024-03-01T10:00:00+02:00',
  updated_at: '2025-01-05T09:00:00Z',
};
const lead = { id: 'ld_1', email: 'grace@example.com', name: 'Grace Hopper', status: 'new', source: 'api', created_at: '2025-01-05T09:00:00Z' };

type Reply = () => Response | Promise<Response>;
const ok = (body: JsonBodyType, status = 200): Reply => () => HttpResponse.json(body, { status });
const problem = (status: number, code: string, headers: Record<string, string> = {}): Reply => () =>
  HttpResponse.json({ status, code, detail: code }, { status, headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': `req_${code}`, ...headers } });
const tokenExpired = problem(401, 'token_expired', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** Acme answers `method path` with the replies in turn (the last one repeats); returns the requests it received. */
function acme(method: 'get' | 'post', path: string, ...replies: Reply[]): Request[] {
  const received: Request[] = [];
  server.use(
    http[method](`${ACME}${path}`, ({ request }) => {
      received.push(request);
      return replies[Math.min(received.length, replies.length) - 1]!();
    }),
  );
  return received;
}

let tokenRequests: Request[];
beforeEach(() => {
  tokenRequests = acme('post', '/oauth/token', ok({ access_token: 'token-1', expires_in: 3600 }), ok({ access_token: 'token-2', expires_in: 3600 }));
});

function newClient(options: Partial<AcmeClientOptions> = {}) {
  const logger = { warn: vi.fn(), error: vi.fn() };
  const client = createAcmeClient({ baseUrl: ACME, clientId: 'test-client', clientSecret: SECRET, logger, baseDelayMs: 1, ...options });
  return { client, logs: () => JSON.stringify([...logger.warn.mock.calls, ...logger.error.mock.calls]) };
}

it('maps a contact to our fields', async () => {
  acme('get', '/v1/contacts/ct_1', ok(contact));
  expect(await newClient().client.getContact('ct_1')).toEqual({
    id: 'ct_1',
    fullName: 'Ada Lovelace',
    email: 'ada.lovelace@example.com',
    company: 'Analytical Engines',
    createdAt: '2024-03-01T08:00:00.000Z',
  });
});

it('maps an empty company to null', async () => {
  acme('get', '/v1/contacts/ct_1', ok({ ...contact, company: '' }));
  expect(await newClient().client.getContact('ct_1')).toMatchObject({ company: null });
});

it('returns null for a contact Acme does not have', async () => {
  acme('get', '/v1/contacts/ct_9', problem(404, 'not_found'));
  expect(await newClient().client.getContact('ct_9')).toBeNull();
});

it('creates a lead with an Idempotency-Key', async () => {
  const posts = acme('post', '/v1/leads', ok(lead, 201));
  const created = await newClient().client.createLead({ email: 'grace@example.com', name: 'Grace Hopper' });
  expect(created).toEqual({ id: 'ld_1', email: 'grace@example.com', name: 'Grace Hopper', status: 'new' });
  expect(posts).toHaveLength(1);
  expect(await posts[0]!.json()).toEqual({ email: 'grace@example.com', name: 'Grace Hopper' });
  expect(posts[0]!.headers.get('idempotency-key')).toMatch(/^[\da-f-]{36}$/);
});

it('rejects an invalid lead without calling Acme', async () => {
  const posts = acme('post', '/v1/leads', ok(lead, 201));
  await expect(newClient().client.createLead({ email: 'not-an-email', name: 'Grace' })).rejects.toMatchObject({ code: 'invalid_input', status: null });
  expect(posts).toHaveLength(0);
});

it('surfaces a refusal with its status, code and request id, without retrying', async () => {
  const posts = acme('post', '/v1/leads', problem(422, 'validation_failed'));
  const refused = newClient().client.createLead({ email: 'grace@example.com', name: 'Grace Hopper' });
  await expect(refused).rejects.toBeInstanceOf(AcmeError);
  await expect(refused).rejects.toMatchObject({ status: 422, code: 'validation_failed', requestId: 'req_validation_failed' });
  expect(posts).toHaveLength(1);
});

it('reuses one token across calls', async () => {
  acme('get', '/v1/contacts/ct_1', ok(contact));
  const { client } = newClient();
  await client.getContact('ct_1');
  await client.getContact('ct_1');
  expect(tokenRequests).toHaveLength(1);
  expect(tokenRequests[0]!.headers.get('authorization')).toBe(`Basic ${btoa(`test-client:${SECRET}`)}`);
});

it('gets a new token when Acme says it expired, and replays the call once', async () => {
  const gets = acme('get', '/v1/contacts/ct_1', tokenExpired, ok(contact));
  await expect(newClient().client.getContact('ct_1')).resolves.toMatchObject({ id: 'ct_1' });
  expect(tokenRequests).toHaveLength(2);
  expect(gets.map((request) => request.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
});

it('retries a 503 and returns the contact when Acme recovers', async () => {
  const gets = acme('get', '/v1/contacts/ct_1', problem(503, 'service_unavailable'), ok(contact));
  await expect(newClient().client.getContact('ct_1')).resolves.toMatchObject({ id: 'ct_1' });
  expect(gets).toHaveLength(2);
});

it('retries a lead with the same Idempotency-Key', async () => {
  const posts = acme('post', '/v1/leads', problem(503, 'service_unavailable'), ok(lead, 201));
  await newClient().client.createLead({ email: 'grace@example.com', name: 'Grace Hopper' });
  const keys = posts.map((request) => request.headers.get('idempotency-key'));
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBeTruthy();
  expect(keys[1]).toBe(keys[0]);
});

it('waits as long as Retry-After says before retrying a 429', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  const gets = acme('get', '/v1/contacts/ct_1', problem(429, 'rate_limited', { 'Retry-After': '2' }), ok(contact));
  const result = newClient().client.getContact('ct_1');
  await vi.advanceTimersByTimeAsync(1_900);
  expect(gets).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(200);
  await expect(result).resolves.toMatchObject({ id: 'ct_1' });
  expect(gets).toHaveLength(2);
});

it('gives up on a vendor that never answers', { timeout: 2_000 }, async () => {
  const gets = acme('get', '/v1/contacts/ct_1', async () => {
    await delay('infinite');
    return HttpResponse.json(contact);
  });
  await expect(newClient({ timeoutMs: 50, maxAttempts: 2 }).client.getContact('ct_1')).rejects.toMatchObject({ code: 'timeout', status: null });
  expect(gets).toHaveLength(2);
});

it('gives up after maxAttempts when Acme stays down', async () => {
  const gets = acme('get', '/v1/contacts/ct_1', problem(503, 'service_unavailable'));
  await expect(newClient({ maxAttempts: 3 }).client.getContact('ct_1')).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
  expect(gets).toHaveLength(3);
});

it('reports an unreachable vendor as a failure, not as a missing contact', async () => {
  acme('get', '/v1/contacts/ct_1', () => HttpResponse.error());
  await expect(newClient({ maxAttempts: 2 }).client.getContact('ct_1')).rejects.toMatchObject({ code: 'network_error', status: null });
});

it('logs retries and failures with their request ids, never the token or the secret', async () => {
  acme('get', '/v1/contacts/ct_1', problem(503, 'service_unavailable'), problem(500, 'internal_error'));
  const { client, logs } = newClient({ maxAttempts: 2 });
  await expect(client.getContact('ct_1')).rejects.toThrow(AcmeError);
  expect(logs()).toContain('req_service_unavailable');
  expect(logs()).toContain('req_internal_error');
  expect(logs()).not.toContain('token-1');
  expect(logs()).not.toContain(SECRET);
});
