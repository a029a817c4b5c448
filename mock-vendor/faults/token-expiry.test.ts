import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { rules: [{ match: { method: 'GET', path: '/v1/contacts' }, when: { times: 1 }, fault: 'token-expiry' }] } });
});
afterAll(() => v.close());

const client = (token: string) => axios.create({ baseURL: v.url, validateStatus: () => true, timeout: 5_000, headers: { Authorization: `Bearer ${token}` } });

describe('token-expiry', () => {
  it('expires the token mid-run: 401 with WWW-Authenticate error="invalid_token", and the token stays dead', async () => {
    const api = client(await v.token('contacts:read'));
    const first = await api.get('/v1/contacts');
    expect(first.status).toBe(401);
    expect(first.data.code).toBe('token_expired');
    expect(first.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);

    const second = await api.get('/v1/contacts/ct_000001');
    expect(second.status).toBe(401);
    expect(second.headers['x-acme-fault']).toBeUndefined();
    expect(second.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  it('lets a client that fetches a new token carry on', async () => {
    const api = client(await v.token('contacts:read'));
    expect((await api.get('/v1/contacts')).status).toBe(200);
  });

  it('journals the fault against the token it expired', () => {
    const [entry] = v.tenant.journal.find({ fault: 'token-expiry' });
    expect(entry).toMatchObject({ status: 401, errorCode: 'token_expired' });
    expect(v.vendor.tokens.get(entry!.tokenId!)!.expiresAt).toBeLessThanOrEqual(v.vendor.clock.now());
  });
});
