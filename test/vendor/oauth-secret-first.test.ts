import { afterEach, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

/** A fault on the token endpoint that fires once: whoever meets it has used it up. */
const ONCE_ON_TOKEN = { match: { method: 'POST', path: '/oauth/token' }, when: { times: 1 }, fault: 'status', options: { status: 503 } };

let v: TestVendor;
afterEach(() => v?.close());

const tokenForm = new URLSearchParams({ grant_type: 'client_credentials' });

describe('the token endpoints judge the client secret before anything of the tenant is touched', () => {
  it('a wrong secret journals nothing in the tenant, spends no rule counter and reveals no scenario', async () => {
    v = await startTestVendor({ tenant: { scenario: '04-secure-auth', rules: [ONCE_ON_TOKEN] } });
    const forgedId = 'req_forged_by_someone_else';
    for (const auth of [{ username: v.clientId, password: 'not-the-secret' }, undefined]) {
      const form = auth ? tokenForm : new URLSearchParams({ grant_type: 'client_credentials', client_id: v.clientId });
      const refused = await v.http.post('/oauth/token', form, { auth, headers: { 'X-Request-Id': forgedId } });
      expect(refused.status).toBe(401);
      expect(refused.data).toMatchObject({ error: 'invalid_client', code: 'invalid_client' });
      expect(refused.headers['x-acme-scenario']).not.toBe('04-secure-auth');
      expect(refused.headers['x-acme-fault']).toBeUndefined();
    }
    expect(v.tenant.journal.entries()).toEqual([]);
    const anonymous = v.vendor.anonymousJournal.entries().filter((e) => e.requestId === forgedId);
    expect(anonymous.map((e) => [e.path, e.status, e.tenantId])).toEqual([
      ['/oauth/token', 401, null],
      ['/oauth/token', 401, null],
    ]);

    // The one-time fault is still there for the real client.
    const first = await v.http.post('/oauth/token', tokenForm, { auth: { username: v.clientId, password: v.clientSecret } });
    expect(first.status).toBe(503);
    expect(first.headers['x-acme-scenario']).toBe('04-secure-auth');
    const second = await v.http.post('/oauth/token', tokenForm, { auth: { username: v.clientId, password: v.clientSecret } });
    expect(second.status).toBe(200);
    expect(v.tenant.journal.entries().map((e) => e.status)).toEqual([503, 200]);
  });

  it('a secret rotated out is refused the same way, on revoke and introspect too', async () => {
    v = await startTestVendor({ tenant: { rules: [{ ...ONCE_ON_TOKEN, match: { method: 'POST', path: '/oauth/*' } }] } });
    const old = v.clientSecret;
    const current = v.tenant.secrets.rotate(v.vendor.clock.now(), 0);
    for (const path of ['/oauth/token', '/oauth/revoke', '/oauth/introspect']) {
      const res = await v.http.post(path, new URLSearchParams({ grant_type: 'client_credentials', token: 'x' }), { auth: { username: v.clientId, password: old } });
      expect(res.status, path).toBe(401);
    }
    expect(v.tenant.journal.size).toBe(0);
    const first = await v.http.post('/oauth/token', tokenForm, { auth: { username: v.clientId, password: current } });
    expect(first.status).toBe(503);
  });
});
