import { afterEach, describe, expect, it } from 'vitest';
import { recordsHeld } from '../../mock-vendor/resources/record-cap.ts';
import { Vendor } from '../../mock-vendor/vendor.ts';
import { limitsFromEnv } from '../../mock-vendor/vendor-limits.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor | undefined;
afterEach(async () => {
  await v?.close();
  v = undefined;
});

describe('the tenant cap', () => {
  it('answers one tenant too many with 507 problem+json tenant_limit_reached, saying how to make room', async () => {
    v = await startTestVendor({ maxTenants: 3 });
    for (const name of ['two', 'three']) expect((await v.admin.post('/tenants', { name })).status).toBe(201);
    const refused = await v.admin.post('/tenants', { name: 'four' });
    expect(refused.status).toBe(507);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.data).toMatchObject({ code: 'tenant_limit_reached', limit: 3 });
    expect(refused.data.detail).toContain('ACME_MAX_TENANTS=3');
    expect(refused.data.detail).toContain('DELETE /__admin/tenants/:id');
    await v.admin.delete(`/tenants/${v.tenant.id}`);
    expect((await v.admin.post('/tenants', { name: 'four' })).status).toBe(201);
  });

  it('is read from ACME_MAX_TENANTS and ACME_MAX_RECORDS_PER_TENANT, and a bad value is named', () => {
    expect(limitsFromEnv({ ACME_MAX_TENANTS: '50', ACME_MAX_RECORDS_PER_TENANT: '' })).toEqual({ maxTenants: 50 });
    expect(() => limitsFromEnv({ ACME_MAX_RECORDS_PER_TENANT: 'lots' })).toThrow(/ACME_MAX_RECORDS_PER_TENANT must be a whole number .* got "lots"/);
    expect(new Vendor({ log: () => {} }).limits).toEqual({ maxTenants: 1_000, maxRecordsPerTenant: 20_000, journalBudget: 250_000 });
  });
});

describe('the record cap', () => {
  it('answers a contact, lead, deal or import over the cap with 507 record_limit_reached, naming the cap and the reset', async () => {
    const probe = new Vendor({ log: () => {} });
    const seeded = recordsHeld(probe.createTenant().tenant);
    probe.close();
    v = await startTestVendor({ maxRecordsPerTenant: seeded + 3 });
    const api = await v.authed();
    expect((await api.post('/v1/contacts', { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' })).status).toBe(201);
    expect((await api.post('/v1/leads', { email: 'grace@example.com', source: 'cap-test' }, { headers: { 'Idempotency-Key': 'cap-lead-1' } })).status).toBe(201);
    const tooMany = await api.post('/v1/imports/contacts', { contacts: [{ first_name: 'A', last_name: 'B', email: 'a@example.com' }, { first_name: 'C', last_name: 'D', email: 'c@example.com' }] });
    expect(tooMany.status).toBe(507);
    expect(tooMany.data).toMatchObject({ code: 'record_limit_reached', limit: seeded + 3 });
    expect(tooMany.data.detail).toContain('2 more do not fit');
    expect((await api.post('/v1/imports/contacts', { contacts: [{ first_name: 'A', last_name: 'B', email: 'a@example.com' }] })).status).toBe(202);

    // The accepted import's row counts before it is created: nothing else fits now.
    const deal = await api.post('/v1/deals', { contact_id: 'ct_000001', title: 'Over the cap', amount: 5, currency: 'EUR' });
    expect(deal.status).toBe(507);
    expect(deal.headers['content-type']).toContain('application/problem+json');
    expect(deal.data.code).toBe('record_limit_reached');
    expect(deal.data.detail).toContain(`its cap is ${seeded + 3} (ACME_MAX_RECORDS_PER_TENANT)`);
    expect(deal.data.detail).toContain(`POST /__admin/tenants/${v.tenant.id}/reset`);
    expect((await api.post('/v1/contacts', { first_name: 'One', last_name: 'Toomany', email: 'one@example.com' })).data.code).toBe('record_limit_reached');
    expect((await api.post('/v1/leads', { email: 'x@example.com', source: 'cap-test' }, { headers: { 'Idempotency-Key': 'cap-lead-2' } })).data.code).toBe('record_limit_reached');

    expect((await v.admin.post(`/tenants/${v.tenant.id}/reset`)).status).toBe(200);
    expect((await (await v.authed()).post('/v1/contacts', { first_name: 'After', last_name: 'Reset', email: 'after@example.com' })).status).toBe(201);
  });
});

describe('GET /__admin/tenants, paged', () => {
  it('pages through 250 tenants, oldest first, with no duplicates and next null at the end', async () => {
    v = await startTestVendor();
    for (let i = 1; i < 250; i++) v.vendor.createTenant({ name: `learner ${i}` });
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    do {
      const res: { status: number; data: { data: { id: string }[]; next: string | null } } = await v.admin.get('/tenants', { params: { limit: 100, ...(after ? { after } : {}) } });
      expect(res.status).toBe(200);
      sizes.push(res.data.data.length);
      seen.push(...res.data.data.map((t) => t.id));
      after = res.data.next;
    } while (after);
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual(v.vendor.tenants().map((t) => t.id));
    expect((await v.admin.get('/tenants')).data.data).toHaveLength(100);
  });

  it('carries on after a cursor whose tenant was deleted, and names a bad limit or cursor', async () => {
    v = await startTestVendor();
    for (let i = 1; i < 5; i++) v.vendor.createTenant({ name: `learner ${i}` });
    const first = (await v.admin.get('/tenants', { params: { limit: 2 } })).data;
    await v.admin.delete(`/tenants/${first.next}`);
    const second = (await v.admin.get('/tenants', { params: { limit: 2, after: first.next } })).data;
    expect(second.data.map((t: { id: string }) => t.id)).toEqual(v.vendor.tenants().slice(1, 3).map((t) => t.id));
    for (const params of [{ limit: 501 }, { limit: 0 }, { after: 'not-a-tenant' }]) {
      const refused = await v.admin.get('/tenants', { params });
      expect(refused.status, JSON.stringify(params)).toBe(400);
      expect(refused.data.detail).toContain('The tenant list query is not valid');
    }
  });
});

describe('deleting tenants', () => {
  it('leaves nothing keyed by their ids behind: tokens, keys, webhook logs, creators', async () => {
    v = await startTestVendor();
    const before = v.vendor.perTenantStateSizes();
    const grader = v.vendor.adminKeys.createGradingKey();
    const made = [];
    for (let i = 0; i < 200; i++) made.push(v.vendor.createTenant({ name: `gone ${i}` }, i % 2 ? { createdBy: grader.id } : {}));
    for (const { tenant, clientSecret } of made.slice(0, 20)) {
      const res = await v.http.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: tenant.clientId, password: clientSecret } });
      expect(res.status).toBe(200);
      expect((await v.http.get('/v1/contacts', { headers: { Authorization: `Bearer ${res.data.access_token}` } })).status).toBe(200);
    }
    const stream = await fetch(`${v.url}/__admin/tenants/${made[0]!.tenant.id}/journal/stream`, { headers: { Authorization: `Bearer ${made[0]!.tenantKey}` } });
    const during = v.vendor.perTenantStateSizes();
    expect(during.tenants).toBe(before.tenants + 200);
    expect(during.tokenRecords).toBeGreaterThanOrEqual(before.tokenRecords + 20);
    expect(during.creators).toBe(100);

    for (const { tenant } of made) expect((await v.admin.delete(`/tenants/${tenant.id}`)).status).toBe(204);
    expect(v.vendor.perTenantStateSizes()).toEqual({ ...before, keys: before.keys + 1, gradingKeys: before.gradingKeys + 1 });
    // The stream of a deleted tenant ends instead of holding it.
    const reader = stream.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
  });
});
