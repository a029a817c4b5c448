import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { rules: [{ match: { method: 'GET', path: '/v1/contacts' }, when: { times: 1 }, fault: 'token-revocation' }] } });
});
afterAll(() => v.close());

const client = (token: string) => axios.create({ baseURL: v.url, validateStatus: () => true, timeout: 5_000, headers: { Authorization: `Bearer ${token}` } });

describe('token-revocation', () => {
  it('revokes the token mid-run: 401 invalid_token now and on every later call with it', async () => {
    const api = client(await v.token('contacts:read'));
    const first = await api.get('/v1/contacts');
    expect(first.status).toBe(401);
    expect(first.data.code).toBe('invalid_token');
    expect(first.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token".*revoked/);

    const second = await api.get('/v1/contacts/ct_000001');
    expect(second.status).toBe(401);
    expect(second.data.code).toBe('invalid_token');
  });

  it('lets a client that fetches a new token carry on', async () => {
    const api = client(await v.token('contacts:read'));
    expect((await api.get('/v1/contacts')).status).toBe(200);
  });

  it('records the revocation on the token', () => {
    const [entry] = v.tenant.journal.find({ fault: 'token-revocation' });
    expect(v.vendor.tokens.get(entry!.tokenId!)!.revokedAt).toBeTypeOf('number');
  });
});
