import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-vendor/clock.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
afterEach(() => v?.close());

const form = (values: Record<string, string>) => new URLSearchParams(values);

describe('OAuth client credentials', () => {
  it('issues a Bearer JWT by client_secret_basic and by client_secret_post, with no-store caching', async () => {
    v = await startTestVendor();
    const basic = await v.http.post('/oauth/token', form({ grant_type: 'client_credentials' }), { auth: { username: v.clientId, password: v.clientSecret } });
    const post = await v.http.post('/oauth/token', form({ grant_type: 'client_credentials', client_id: v.clientId, client_secret: v.clientSecret }));
    for (const res of [basic, post]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.data).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(res.data.access_token.split('.')).toHaveLength(3);
    }
    const methods = v.tenant.journal.find({ path: '/oauth/token' }).map((e) => e.clientAuthMethod);
    expect(methods).toEqual(['client_secret_basic', 'client_secret_post']);
  });

  it('grants exactly the scopes asked for, and refuses scopes the tenant does not have', async () => {
    v = await startTestVendor({ tenant: { scopes: ['contacts:read', 'leads:write'] } });
    const auth = { username: v.clientId, password: v.clientSecret };
    const narrow = await v.http.post('/oauth/token', form({ grant_type: 'client_credentials', scope: 'contacts:read' }), { auth });
    expect(narrow.data.scope).toBe('contacts:read');
    const refused = await v.http.post('/oauth/token', form({ grant_type: 'client_credentials', scope: 'contacts:read deals:write' }), { auth });
    expect(refused.status).toBe(400);
    expect(refused.data.error).toBe('invalid_scope');
    const entry = v.tenant.journal.find({ path: '/oauth/token' })[0]!;
    expect(entry).toMatchObject({ requestedScope: 'contacts:read', grantedScope: 'contacts:read' });
  });

  it('answers invalid_client with 401 and WWW-Authenticate for a wrong secret, and never echoes it', async () => {
    v = await startTestVendor();
    const res = await v.http.post('/oauth/token', form({ grant_type: 'client_credentials' }), { auth: { username: v.clientId, password: 'wrong-secret-value' } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic/);
    expect(res.data).toMatchObject({ error: 'invalid_client', code: 'invalid_client' });
    expect(JSON.stringify(res.data)).not.toContain('wrong-secret-value');
  });

  it('refuses a form sent as JSON, credentials sent two ways, and other grant types', async () => {
    v = await startTestVendor();
    const json = await v.http.post('/oauth/token', { grant_type: 'client_credentials' });
    expect(json.data.error).toBe('invalid_request');
    const both = await v.http.post('/oauth/token', form({ grant_type: 'client_credentials', client_id: v.clientId, client_secret: v.clientSecret }), {
      auth: { username: v.clientId, password: v.clientSecret },
    });
    expect(both.data.error).toBe('invalid_request');
    const password = await v.http.post('/oauth/token', form({ grant_type: 'password' }), { auth: { username: v.clientId, password: v.clientSecret } });
    expect(password.data.error).toBe('unsupported_grant_type');
  });
});

describe('bearer tokens on the API', () => {
  it('tells a missing, forged, expired and under-scoped token apart (RFC 6750)', async () => {
    const clock = createClock({ frozenAt: Date.parse('2026-01-01T00:00:00Z') });
    v = await startTestVendor({ clock });
    const missing = await v.http.get('/v1/contacts');
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="acme-crm"');

    const forged = await v.http.get('/v1/contacts', { headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJ4In0.AAAA' } });
    expect(forged.status).toBe(401);
    expect(forged.headers['www-authenticate']).toContain('error="invalid_token"');

    const token = await v.token('leads:write');
    const scoped = await v.http.get('/v1/contacts', { headers: { Authorization: `Bearer ${token}` } });
    expect(scoped.status).toBe(403);
    expect(scoped.headers['www-authenticate']).toContain('error="insufficient_scope"');

    clock.advance(3_600_000);
    const expired = await v.http.get('/v1/contacts', { headers: { Authorization: `Bearer ${token}` } });
    expect(expired.status).toBe(401);
    expect(expired.data.code).toBe('token_expired');
    expect(expired.headers['www-authenticate']).toContain('error_description="The access token expired."');
  });

  it('uses the scenario token lifetime and attributes requests with expired tokens to the tenant', async () => {
    const clock = createClock({ frozenAt: Date.parse('2026-01-01T00:00:00Z') });
    const shortTokens = defineScenario({ name: 'short-tokens', description: 'test', settings: { tokenTtlSeconds: 120 } });
    v = await startTestVendor({ clock, scenarios: [shortTokens], tenant: { scenario: 'short-tokens' } });
    const api = await v.authed('contacts:read');
    clock.advance(121_000);
    expect((await api.get('/v1/contacts/ct_000001')).status).toBe(401);
    const entry = v.tenant.journal.find({ path: '/v1/contacts/ct_000001' }).at(-1)!;
    expect(entry).toMatchObject({ tenantId: v.tenant.id, status: 401, errorCode: 'token_expired' });
    expect(entry.tokenId).toMatch(/^tok_/);
  });

  it('stops accepting a token the admin API expires or revokes', async () => {
    v = await startTestVendor();
    const api = await v.authed('contacts:read');
    expect((await api.get('/v1/contacts/ct_000001')).status).toBe(200);
    const expired = await v.admin.post(`/tenants/${v.tenant.id}/tokens/expire`, {});
    expect(expired.data.expired).toHaveLength(1);
    expect((await api.get('/v1/contacts/ct_000001')).data.code).toBe('token_expired');

    const other = await v.authed('contacts:read');
    await v.admin.post(`/tenants/${v.tenant.id}/tokens/revoke`, {});
    const revoked = await other.get('/v1/contacts/ct_000001');
    expect(revoked.status).toBe(401);
    expect(revoked.headers['www-authenticate']).toContain('revoked');
  });
});
