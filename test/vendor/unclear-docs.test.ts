import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument, ParameterObject } from '../../mock-vendor/openapi/openapi-document.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

/** Lab 03's vendor: a 403 for expired tokens (a scenario setting), the "unclear" docs, the required header, `page_token` ignored. */
let lab: TestVendor;
let calm: TestVendor;
beforeAll(async () => {
  lab = await startTestVendor({ tenant: { scenario: '03-unclear-docs' }, defaultScenario: '03-unclear-docs' });
  calm = await startTestVendor();
});
afterAll(async () => {
  await lab.close();
  await calm.close();
});

const api = (v: TestVendor, token: string, headers: Record<string, string> = { 'Acme-Version': '2024-06-01' }) =>
  axios.create({ baseURL: v.url, validateStatus: () => true, timeout: 5_000, headers: { Authorization: `Bearer ${token}`, ...headers } });

describe('expiredTokenSignal', () => {
  it('answers an expired token with 403 session_expired, and no WWW-Authenticate, when the scenario says so', async () => {
    const client = api(lab, await lab.token('contacts:read'));
    expect((await client.get('/v1/contacts/ct_000001')).status).toBe(200);
    lab.vendor.clock.advance(121_000);
    const expired = await client.get('/v1/contacts/ct_000001');
    expect(expired.status).toBe(403);
    expect(expired.data).toMatchObject({ code: 'session_expired', status: 403 });
    expect(expired.headers['www-authenticate']).toBeUndefined();
    expect(lab.tenant.journal.find({ errorCode: 'session_expired' }).at(-1)).toMatchObject({ status: 403, path: '/v1/contacts/ct_000001' });
  });

  it('still answers a revoked token with 401 invalid_token', async () => {
    const token = await lab.token('contacts:read');
    const client = api(lab, token);
    expect((await client.get('/v1/contacts/ct_000001')).status).toBe(200);
    lab.vendor.revokeTokens(lab.tenant.id);
    const revoked = await client.get('/v1/contacts/ct_000001');
    expect(revoked.status).toBe(401);
    expect(revoked.data.code).toBe('invalid_token');
  });

  it('keeps the standard 401 token_expired in every other scenario', async () => {
    const client = api(calm, await calm.token('contacts:read'));
    calm.vendor.clock.advance(3_601_000);
    const expired = await client.get('/v1/contacts/ct_000001');
    expect(expired.status).toBe(401);
    expect(expired.data.code).toBe('token_expired');
    expect(expired.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });
});

describe('scenario 03-unclear-docs', () => {
  it('refuses every API call without Acme-Version with a 400 that names nothing, and serves it with any value', async () => {
    const token = await lab.token('contacts:read leads:write');
    const bare = await api(lab, token, {}).get('/v1/contacts?limit=1');
    expect(bare.status).toBe(400);
    expect(bare.data).toMatchObject({ code: 'bad_request', detail: 'Bad Request' });
    expect(JSON.stringify(bare.data)).not.toMatch(/version/i);
    expect(bare.headers['x-acme-fault'], 'the fault header would give the game away').toBeUndefined();
    expect((await api(lab, token, {}).post('/v1/leads', { email: 'a@example.com' })).status).toBe(400);
    expect((await api(lab, token, { 'Acme-Version': 'anything' }).get('/v1/contacts?limit=1')).status).toBe(200);
    expect((await api(lab, token).post('/v1/leads', { email: 'a@example.com' })).status).toBe(201);
  });

  it('silently ignores page_token (the first page again) and pages with cursor', async () => {
    const client = api(lab, await lab.token('contacts:read'));
    const first = await client.get('/v1/contacts?limit=5');
    const ignored = await client.get('/v1/contacts', { params: { limit: 5, page_token: first.data.next_cursor } });
    const second = await client.get('/v1/contacts', { params: { limit: 5, cursor: first.data.next_cursor } });
    expect(ignored.status).toBe(200);
    expect(ignored.data).toEqual(first.data);
    expect(second.data.data[0].id).not.toBe(first.data.data[0].id);
    expect(ignored.headers['link']).toContain('cursor=');
  });
});

describe('the "unclear" docs variant', () => {
  let unclear: OpenApiDocument;
  let complete: OpenApiDocument;
  beforeAll(async () => {
    unclear = (await lab.http.get('/openapi.json')).data;
    complete = (await lab.http.get('/openapi.json?variant=complete')).data;
  });

  it('is what the lab scenario serves by default, at /openapi.json and /docs', async () => {
    expect(unclear).not.toEqual(complete);
    expect((await lab.http.get('/openapi.json?variant=unclear')).data).toEqual(unclear);
    const html = (await lab.http.get('/docs')).data as string;
    expect(html).toContain('page_token');
    expect(html).not.toContain('token_expired');
  });

  it('never says how an expired token is refused', () => {
    const text = JSON.stringify(unclear);
    expect(text).not.toMatch(/token_expired|session_expired/);
    expect(unclear.info.description).not.toMatch(/revoked before it expires|A `401` means/);
    expect(JSON.stringify(complete)).toMatch(/token_expired/);
  });

  it('calls the paging parameter page_token on every list, and keeps the rest of each operation', () => {
    const lists = Object.entries(unclear.paths).filter(([, item]) => item.get?.parameters?.some((p) => (p as ParameterObject).name === 'page_token'));
    const truth = Object.entries(complete.paths).filter(([, item]) => item.get?.parameters?.some((p) => (p as ParameterObject).name === 'cursor'));
    expect(lists.map(([path]) => path)).toEqual(truth.map(([path]) => path));
    expect(lists.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(unclear.paths)).not.toMatch(/"name":"cursor"/);
    expect(unclear.info.description).toContain('`page_token` set to the previous page');
    expect(Object.keys(unclear.paths)).toEqual(Object.keys(complete.paths));
  });

  it('does not mention the required header, nor admit that one may be missing', () => {
    expect(JSON.stringify(unclear)).not.toMatch(/Acme-Version/i);
    expect(unclear.info.description).not.toContain('require a header');
  });
});
