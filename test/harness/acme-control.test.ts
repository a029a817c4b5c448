import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVendor, type RunningVendor } from '../../mock-vendor/server.ts';
import type { Tenant } from '../../mock-vendor/tenants/tenant.ts';
import type { AcmeCollection } from './acme-control.ts';
import { InProcessAcme } from './in-process-acme.ts';
import { adminClient, RemoteAcme } from './remote-acme.ts';

const ADMIN_TOKEN = 'acme-control-admin-token-0123456789';

let running: RunningVendor;
let tenant: Tenant;
let clientSecret: string;
let local: InProcessAcme;
let remote: RemoteAcme;

beforeAll(async () => {
  running = await startVendor({ adminToken: ADMIN_TOKEN, log: () => {} });
  ({ tenant, clientSecret } = running.vendor.createTenant({ scenario: '01-first-integration', seed: 3 }));
  local = new InProcessAcme(running.vendor, tenant);
  remote = new RemoteAcme(adminClient(running.url, ADMIN_TOKEN), tenant.id, tenant.scenario.name);
  await remote.syncClock();
});
afterAll(() => running?.close());

async function api() {
  const token = await axios.post(`${running.url}/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: tenant.clientId, password: clientSecret } });
  return axios.create({ baseURL: running.url, validateStatus: () => true, headers: { Authorization: `Bearer ${token.data.access_token}` } });
}

/** The same tenant seen both ways: what a check reads through t.acme must not depend on the mode. */
describe('t.acme in-process and through the admin API', () => {
  it("mirrors the tenant's clock, and an advance made remotely moves it for both, and for no other tenant", async () => {
    const neighbour = running.vendor.createTenant({ scenario: '01-first-integration' }).tenant;
    // The mirror is as good as the round trip it was learned from (a busy machine makes it longer), plus a few ms of reading.
    const mirrored = () => Math.abs(remote.now() - local.now()) - remote.mirrorErrorBoundMs;
    await remote.syncClock();
    expect(mirrored()).toBeLessThan(5);
    const before = local.now();
    await remote.advanceClock(90_000);
    expect(local.now() - before).toBeGreaterThanOrEqual(90_000);
    expect(mirrored()).toBeLessThan(5);
    expect(tenant.clock.tenantOffsetMs()).toBe(90_000);
    expect(neighbour.clock.tenantOffsetMs()).toBe(0);
    await local.advanceClock(10_000);
    expect(tenant.clock.tenantOffsetMs()).toBe(100_000);
    expect(neighbour.clock.tenantOffsetMs()).toBe(0);
  });

  it('sets rules and expires tokens on the same tenant', async () => {
    const client = await api();
    expect((await client.get('/v1/contacts')).status).toBe(200);
    const expired = await remote.expireTokens();
    expect(expired).toHaveLength(1);
    expect(await local.expireTokens()).toEqual([]);
    expect((await client.get('/v1/contacts')).status).toBe(401);

    await remote.setRules([{ match: { path: '/v1/contacts' }, fault: 'status' }]);
    expect((await (await api()).get('/v1/contacts')).status).toBe(503);
    await local.setRules([]);
    expect((await (await api()).get('/v1/contacts')).status).toBe(200);
  });

  it('reads the same settings, data and journal', async () => {
    await (await api()).post('/v1/leads', { email: 'ada@example.com', name: 'Ada Lovelace', source: 'acme-control' }, { headers: { 'Idempotency-Key': 'acme-control-1' } });
    expect(await remote.settings()).toEqual(await local.settings());
    for (const collection of ['contacts', 'leads', 'deals', 'jobs', 'webhooks'] satisfies AcmeCollection[]) {
      expect(await remote.data(collection), collection).toEqual(await local.data(collection));
    }
    expect((await remote.data('leads'))[0]).toMatchObject({ email: 'ada@example.com' });
    expect(await remote.data('contacts', 'v2')).toEqual(await local.data('contacts', 'v2'));
    const journal = (await local.journal()).all();
    expect(journal.length).toBeGreaterThan(0);
    expect((await remote.journal()).all()).toEqual(journal);
  });

  it('waits for the journal within a bound, and says whether it saw what it waited for', async () => {
    expect(await remote.journalWhen((j) => j.tokenRequests().length > 0, 200)).toBe(true);
    const started = Date.now();
    expect(await remote.journalWhen((j) => j.all({ path: '/v1/never' }).length > 0, 200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    setTimeout(() => void api().then((client) => client.get('/v1/later')), 100);
    expect(await local.journalWhen((j) => j.all({ path: '/v1/later' }).length > 0, 2_000)).toBe(true);
  });

  it('sees tokens, revocation, secret rotation, refused requests, rule activation and webhook deliveries the same both ways', async () => {
    await api();
    expect(await remote.tokens()).toEqual(JSON.parse(JSON.stringify(await local.tokens())));
    expect(await remote.rulesActivatedAt()).toBe(await local.rulesActivatedAt());
    expect(await remote.webhookDeliveries()).toEqual(await local.webhookDeliveries());
    const revoked = await remote.revokeTokens();
    expect(revoked.length).toBeGreaterThan(0);
    expect((await local.tokens()).filter((t) => revoked.includes(t.jti)).every((t) => t.revokedAt !== undefined)).toBe(true);

    const old = clientSecret;
    clientSecret = await remote.rotateSecret(0);
    expect(clientSecret).not.toBe(old);
    const refused = await axios.post(`${running.url}/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: tenant.clientId, password: old }, validateStatus: () => true });
    expect(refused.status).toBe(401);
    expect((await remote.refusedTokenRequests()).all()).toHaveLength(1);
    expect((await remote.refusedTokenRequests()).all()).toEqual((await local.refusedTokenRequests()).all());
    await axios.post(`${running.url}/oauth/token`, new URLSearchParams({ grant_type: 'client_credentials' }), { auth: { username: tenant.clientId, password: 'acme_sk_never_this_tenants_secret' }, validateStatus: () => true });
    expect((await local.refusedTokenRequests()).all(), "a secret the tenant never had is someone else's business").toHaveLength(1);
  });

  it('says which admin call failed and what to check when the vendor refuses it', async () => {
    const refused = new RemoteAcme(adminClient(running.url, 'not-the-admin-token-0123'), tenant.id, tenant.scenario.name);
    await expect(refused.journal()).rejects.toThrow(/answered 401: .* to GET \/__admin\/tenants\/.*\/journal\. Check that it is running and that the key is a grading key it made or its VENDOR_ADMIN_TOKEN/);
  });
});
