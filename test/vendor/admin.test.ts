import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor();
});
afterAll(() => v.close());

describe('admin API', () => {
  it('refuses no token, a wrong token and a tenant access token alike', async () => {
    const tenantToken = await v.token();
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${tenantToken}`, `Basic ${Buffer.from(`${v.clientId}:${v.clientSecret}`).toString('base64')}`]) {
      const res = await axios.get(`${v.url}/__admin/tenants`, { headers: authorization ? { Authorization: authorization } : {}, validateStatus: () => true });
      expect(res.status, authorization ?? 'no token').toBe(401);
      expect(res.data.code).toBe('unauthorized');
    }
    expect((await v.admin.get('/tenants')).status).toBe(200);
  });

  it('is never journaled and never meets a fault', async () => {
    const api = await v.authed();
    await v.admin.put(`/tenants/${v.tenant.id}/rules`, { rules: [{ match: { path: '/**' }, fault: 'status' }] });
    try {
      expect((await v.admin.get(`/tenants/${v.tenant.id}`)).status).toBe(200);
      expect((await api.get('/v1/contacts')).status).toBe(503);
    } finally {
      await v.admin.put(`/tenants/${v.tenant.id}/rules`, { rules: [] });
    }
    expect(v.tenant.journal.find({ path: '/__admin/*' })).toHaveLength(0);
  });

  it('creates tenants with their own credentials, data and scenario, and deletes them', async () => {
    const created = await v.admin.post('/tenants', { name: 'learner-2', scenario: 'chaos', seed: 99, scopes: ['contacts:read'] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'learner-2', scenario: 'chaos', seed: 99, allowedScopes: ['contacts:read'] });
    expect(created.data.clientSecret).toMatch(/^acme_sk_/);
    const token = await v.http.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials' }), {
      auth: { username: created.data.clientId, password: created.data.clientSecret },
    });
    expect(token.status).toBe(200);
    expect((await v.admin.delete(`/tenants/${created.data.id}`)).status).toBe(204);
    expect((await v.admin.get(`/tenants/${created.data.id}`)).status).toBe(404);
  });

  it('switches scenario at run time, and names an unknown scenario or fault in a 400', async () => {
    const switched = await v.admin.put(`/tenants/${v.tenant.id}/scenario`, { name: 'chaos', seed: 5 });
    expect(switched.data).toMatchObject({ scenario: 'chaos', seed: 5 });
    const res = await (await v.authed()).get('/v1/contacts');
    expect(res.headers['x-acme-scenario']).toBe('chaos');
    await v.admin.put(`/tenants/${v.tenant.id}/scenario`, { name: 'calm' });

    const unknown = await v.admin.put(`/tenants/${v.tenant.id}/scenario`, { name: 'stormy' });
    expect(unknown.status).toBe(400);
    expect(unknown.data).toMatchObject({ code: 'unknown_scenario' });
    expect(unknown.data.detail).toContain('"stormy"');
    const badFault = await v.admin.put(`/tenants/${v.tenant.id}/rules`, { rules: [{ fault: 'gremlins' }] });
    expect(badFault.status).toBe(400);
    expect(badFault.data.detail).toContain('"gremlins"');
  });

  it('advances the vendor clock', async () => {
    const before = (await v.admin.get('/clock')).data.nowMs as number;
    const after = await v.admin.post('/clock/advance', { seconds: 3600 });
    expect(after.data.nowMs - before).toBeGreaterThanOrEqual(3_600_000);
    const bad = await v.admin.post('/clock/advance', { seconds: -5 });
    expect(bad.status).toBe(400);
  });

  it('queries the journal by filters and counts', async () => {
    const api = await v.authed();
    await api.get('/v1/contacts', { headers: { 'X-Correlation-Id': 'sync-42' } });
    await api.get('/v1/nothing-here');
    const byCorrelation = await v.admin.get(`/tenants/${v.tenant.id}/journal`, { params: { correlationId: 'sync-42' } });
    expect(byCorrelation.data).toHaveLength(1);
    expect(byCorrelation.data[0]).toMatchObject({ method: 'GET', path: '/v1/contacts', status: 200, correlationId: 'sync-42' });
    const count = await v.admin.get(`/tenants/${v.tenant.id}/journal/count`, { params: { method: 'POST', path: '/oauth/token' } });
    expect(count.data.count).toBeGreaterThan(0);
    const unmatched = await v.admin.get(`/tenants/${v.tenant.id}/journal/unmatched`);
    expect(unmatched.data.map((e: { path: string }) => e.path)).toContain('/v1/nothing-here');
    const badQuery = await v.admin.get(`/tenants/${v.tenant.id}/journal`, { params: { limit: 'lots' } });
    expect(badQuery.status).toBe(400);
  });

  it("shows a tenant's collections as the API presents them, and names an unknown collection", async () => {
    const created = (await v.admin.post('/tenants', { name: 'data-snapshot', seed: 7 })).data as { id: string; clientId: string; clientSecret: string };
    try {
      const token = await v.http.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: created.clientId, password: created.clientSecret } });
      const api = axios.create({ baseURL: v.url, validateStatus: () => true, headers: { Authorization: `Bearer ${token.data.access_token}` } });
      const lead = await api.post('/v1/leads', { email: 'ada@example.com', name: 'Ada Lovelace', source: 'admin-test' }, { headers: { 'Idempotency-Key': 'admin-data-1' } });
      expect(lead.status).toBe(201);
      const page = await api.get('/v1/contacts', { params: { limit: 100 } });
      const data = (collection: string, params = {}) => v.admin.get(`/tenants/${created.id}/data/${collection}`, { params });

      const contacts = await data('contacts');
      expect(contacts.status).toBe(200);
      expect(contacts.data).toEqual(page.data.data);
      expect((await data('contacts', { version: 'v2' })).data[0]).toMatchObject({ id: page.data.data[0].id, name: { first: page.data.data[0].first_name } });
      expect((await data('leads')).data).toEqual([lead.data]);
      expect((await data('deals')).data.length).toBeGreaterThan(0);
      expect((await data('jobs')).data).toEqual([]);
      expect((await data('webhooks')).data).toEqual([]);

      const unknown = await data('invoices');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      expect(unknown.data).toMatchObject({ code: 'not_found' });
      expect(unknown.data.detail).toContain('"invoices"');
      expect(unknown.data.detail).toContain('contacts, leads, deals, jobs, webhooks');
      expect((await data('contacts', { version: 'v9' })).status).toBe(400);
    } finally {
      await v.admin.delete(`/tenants/${created.id}`);
    }
  });

  it('resets a tenant: fresh data, empty journal, old tokens refused', async () => {
    const api = await v.authed('contacts:write contacts:read');
    await api.post('/v1/contacts', { first_name: 'Temp', last_name: 'Record', email: 'temp@example.com' });
    const before = v.tenant.data.contacts.size;
    await v.admin.post(`/tenants/${v.tenant.id}/reset`);
    expect(v.tenant.data.contacts.size).toBe(before - 1);
    expect(v.tenant.journal.size).toBe(0);
    expect((await api.get('/v1/contacts')).status).toBe(401);
  });
});
