import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENDOR_VERSION } from '../../mock-vendor/version.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { scenario: 'chaos', rules: [] } });
});
afterAll(() => v.close());

describe('every response', () => {
  it('echoes a sane client X-Request-Id, and makes one up otherwise', async () => {
    const mine = await v.http.get('/v1/contacts', { headers: { 'X-Request-Id': 'client-req-123' } });
    expect(mine.headers['x-request-id']).toBe('client-req-123');
    expect(mine.data.request_id).toBe('client-req-123');
    const insane = await v.http.get('/v1/contacts', { headers: { 'X-Request-Id': 'a b<script>' } });
    expect(insane.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('names the mock version and the active scenario of the caller', async () => {
    const anonymous = await v.http.get('/nowhere');
    expect(anonymous.headers['x-acme-mock-version']).toBe(VENDOR_VERSION);
    expect(anonymous.headers['x-acme-scenario']).toBe('calm');
    const token = await v.http.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: v.clientId, password: v.clientSecret } });
    expect(token.headers['x-acme-scenario']).toBe('chaos');
  });
});

describe('the journal', () => {
  it('keeps secrets only as fingerprints', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: v.clientId, client_secret: v.clientSecret });
    const res = await v.http.post('/oauth/token', form);
    const token = res.data.access_token as string;
    await v.http.get('/v1/contacts/ct_000001', { headers: { Authorization: `Bearer ${token}`, 'X-Api-Key': 'k-should-not-leak', Cookie: 'session=abc' } });
    const dump = JSON.stringify(v.tenant.journal.entries());
    expect(dump).not.toContain(v.clientSecret);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain('k-should-not-leak');
    expect(dump).not.toContain('session=abc');
    const entry = v.tenant.journal.find({ path: '/v1/contacts/ct_000001' })[0]!;
    expect(entry.authorization).toMatch(/^Bearer sha256:[0-9a-f]{16}$/);
    const tokenRequest = v.tenant.journal.find({ path: '/oauth/token' }).at(-1)!;
    expect(tokenRequest.clientSecretFingerprint).toMatch(/^sha256:/);
    expect(tokenRequest.requestBody).toMatchObject({ client_secret: expect.stringMatching(/^sha256:/) });
  });

  it('stays bounded per tenant', async () => {
    const small = v.vendor.createTenant({});
    expect(small.tenant.journal.capacity).toBe(v.vendor.journalCapacity);
  });
});
