import axios, { type AxiosInstance } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-vendor/clock.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import type { Tenant } from '../../mock-vendor/tenants/tenant.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';
import { startReceiver, waitFor, type Receiver } from '../support/webhook-receiver.ts';

const TOKEN_TTL_SECONDS = 300;
/** Short tokens, a 3-per-6-s bucket, one webhook retry after 1 s, imports at 10 rows per second, a fault from 60 s in. */
const twoClocks = defineScenario({
  name: 'two-clocks',
  description: 'Per-tenant clock tests.',
  settings: { tokenTtlSeconds: TOKEN_TTL_SECONDS, rateLimit: { limit: 3, windowSeconds: 6 }, webhookRetrySeconds: [1], importRecordsPerSecond: 10 },
  rules: [{ id: 'late-outage', match: { path: '/v1/deals' }, when: { fromSeconds: 60 }, fault: 'status' }],
});

interface Side {
  tenant: Tenant;
  clientSecret: string;
  /** Sends a token taken when the side was made. */
  api: AxiosInstance;
}

let v: TestVendor;
let a: Side;
let b: Side;
const receivers: Receiver[] = [];

async function sideOf(tenant: Tenant, clientSecret: string): Promise<Side> {
  const token = await v.http.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: tenant.clientId, password: clientSecret } });
  expect(token.status).toBe(200);
  return { tenant, clientSecret, api: axios.create({ baseURL: v.url, validateStatus: () => true, headers: { Authorization: `Bearer ${token.data.access_token}` } }) };
}

beforeEach(async () => {
  v = await startTestVendor({ clock: createClock({ frozenAt: Date.now() }), scenarios: [twoClocks], tenant: { scenario: 'two-clocks' } });
  a = await sideOf(v.tenant, v.clientSecret);
  const other = v.vendor.createTenant({ scenario: 'two-clocks' });
  b = await sideOf(other.tenant, other.clientSecret);
});
afterEach(async () => {
  await v.close();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const advanceTenant = (side: Side, seconds: number) => v.admin.post(`/tenants/${side.tenant.id}/clock/advance`, { seconds });
const advanceVendor = (seconds: number) => v.admin.post('/clock/advance', { seconds });

describe("a tenant's clock", () => {
  it('expires the tokens of the tenant it moved, and no other; the vendor-wide advance expires both', async () => {
    const vendorBefore = (await v.admin.get('/clock')).data;
    const moved = await advanceTenant(a, TOKEN_TTL_SECONDS);
    expect(moved.status).toBe(200);
    // The vendor clock is frozen here, so its offset from the wall clock shrinks as real time passes.
    expect(moved.data).toEqual({ nowMs: vendorBefore.nowMs + TOKEN_TTL_SECONDS * 1000, offsetMs: TOKEN_TTL_SECONDS * 1000, vendorOffsetMs: expect.closeTo(vendorBefore.offsetMs, -3) });

    const refused = await a.api.get('/v1/contacts?limit=1');
    expect(refused.status).toBe(401);
    expect(refused.data.code).toBe('token_expired');
    expect((await b.api.get('/v1/contacts?limit=1')).status).toBe(200);
    expect((await v.admin.get('/clock')).data.nowMs).toBe(vendorBefore.nowMs);
    expect((await v.admin.get(`/tenants/${b.tenant.id}/clock`)).data).toMatchObject({ nowMs: vendorBefore.nowMs, offsetMs: 0 });

    await advanceVendor(TOKEN_TTL_SECONDS);
    expect((await b.api.get('/v1/contacts?limit=1')).data.code).toBe('token_expired');
    expect((await a.api.get('/v1/contacts?limit=1')).data.code).toBe('token_expired');
    const afterBoth = (await v.admin.get(`/tenants/${a.tenant.id}/clock`)).data;
    expect(afterBoth).toMatchObject({ nowMs: vendorBefore.nowMs + 2 * TOKEN_TTL_SECONDS * 1000, offsetMs: TOKEN_TTL_SECONDS * 1000 });
    expect(afterBoth.vendorOffsetMs - vendorBefore.offsetMs).toBeCloseTo(TOKEN_TTL_SECONDS * 1000, -3);
  });

  it("refills the rate-limit window of the tenant it moved, and not the other's", async () => {
    for (const side of [a, b]) {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await side.api.get('/v1/contacts?limit=1')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    }
    await advanceTenant(a, 6);
    expect((await a.api.get('/v1/contacts?limit=1')).status).toBe(200);
    const limited = await b.api.get('/v1/contacts?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
  });

  it("opens scenario rule windows on the tenant's own time", async () => {
    await advanceTenant(a, 61);
    expect((await a.api.get('/v1/deals')).status).toBe(503);
    expect((await b.api.get('/v1/deals')).status).toBe(200);
  });

  it("stamps records and journal entries with the tenant's time", async () => {
    await advanceTenant(a, 3_600);
    a = await sideOf(a.tenant, a.clientSecret); // the old token expired with the hour
    const lead = (side: Side, n: number) => side.api.post('/v1/leads', { email: `clock${n}@example.com`, source: 'tenant-clocks' }, { headers: { 'Idempotency-Key': `tenant-clocks-${n}` } });
    const [ofA, ofB] = [await lead(a, 1), await lead(b, 2)];
    expect(Date.parse(ofA.data.created_at)).toBe(a.tenant.clock.now());
    expect(Date.parse(ofB.data.created_at)).toBe(b.tenant.clock.now());
    expect(a.tenant.clock.now() - b.tenant.clock.now()).toBe(3_600_000);
    expect(a.tenant.journal.find({ path: '/v1/leads' })[0]!.atMs).toBe(a.tenant.clock.now());
    expect(b.tenant.journal.find({ path: '/v1/leads' })[0]!.atMs).toBe(b.tenant.clock.now());
  });

  it("delivers a webhook retry when its tenant's time comes, not when another tenant's clock moves", async () => {
    const subscribe = async (side: Side) => {
      const receiver = await startReceiver([500]);
      receivers.push(receiver);
      expect((await side.api.post('/v1/webhooks', { url: receiver.url, events: ['lead.created'] })).status).toBe(201);
      expect((await side.api.post('/v1/leads', { email: `hook-${side.tenant.id}@example.com`, source: 'tenant-clocks' }, { headers: { 'Idempotency-Key': side.tenant.id } })).status).toBe(201);
      await waitFor(() => v.vendor.webhooks.deliveries(side.tenant.id).length === 1, 'the failed first attempt');
      return receiver;
    };
    const [ofA, ofB] = [await subscribe(a), await subscribe(b)];

    await advanceTenant(a, 1);
    await waitFor(() => ofA.received.length === 2, "A's retry");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ofB.received).toHaveLength(1);
    expect(v.vendor.webhooks.deliveries(b.tenant.id).map((d) => d.outcome)).toEqual(['retry-scheduled']);

    await advanceVendor(1);
    await waitFor(() => ofB.received.length === 2, "B's retry after the vendor-wide advance");
  });

  it("finishes an import job on its tenant's time; the other tenant's job waits", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ first_name: 'Row', last_name: `Number ${i}`, email: `row${i}@example.com` }));
    const importFor = async (side: Side) => {
      const accepted = await side.api.post('/v1/imports/contacts', { contacts: rows });
      expect(accepted.status).toBe(202);
      return side.tenant.data.jobs.get(accepted.data.id)!;
    };
    const [jobOfA, jobOfB] = [await importFor(a), await importFor(b)];

    // No poll in between: the dispatcher's completion task runs on the advance itself.
    await advanceTenant(a, 1);
    expect(jobOfA.status).toBe('succeeded');
    expect(jobOfB.status).toBe('queued');
    expect((await b.api.get(`/v1/jobs/${jobOfB.id}`)).data).toMatchObject({ status: 'queued', processed: 0 });
    await advanceVendor(1);
    expect(jobOfB.status).toBe('succeeded');
  });

  it('keeps its offset through a tenant reset', async () => {
    await advanceTenant(a, 90);
    expect((await v.admin.post(`/tenants/${a.tenant.id}/reset`)).status).toBe(200);
    expect((await v.admin.get(`/tenants/${a.tenant.id}/clock`)).data.offsetMs).toBe(90_000);
  });
});

describe('the tenant clock admin routes', () => {
  it('answer problem+json to a bad advance and to an unknown tenant', async () => {
    for (const bad of [{ seconds: -5 }, { seconds: 'soon' }, {}, { seconds: 1, extra: true }]) {
      const res = await v.admin.post(`/tenants/${a.tenant.id}/clock/advance`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.data.code).toBe('bad_request');
    }
    expect(a.tenant.clock.tenantOffsetMs()).toBe(0);
    for (const res of [await v.admin.get('/tenants/ten_nobody/clock'), await v.admin.post('/tenants/ten_nobody/clock/advance', { seconds: 1 })]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.data).toMatchObject({ code: 'not_found' });
      expect(res.data.detail).toContain('ten_nobody');
    }
  });
});
