import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-vendor/clock.ts';
import { LeadSchema } from '../../mock-vendor/schemas/lead.ts';
import { pageOf } from '../../mock-vendor/schemas/page.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
afterEach(() => v?.close());

const lead = { email: 'grace@example.com', name: 'Grace Hopper', note: 'met at the conference' };
const withKey = (key: string) => ({ headers: { 'Idempotency-Key': key } });

describe('leads', () => {
  it('creates a lead with defaults, then serves it by id and in a paginated list', async () => {
    v = await startTestVendor();
    const api = await v.authed('leads:read leads:write');
    const created = await api.post('/v1/leads', { email: 'ada@example.com' });
    expect(created.status).toBe(201);
    expect(created.headers['location']).toBe(`/v1/leads/${created.data.id}`);
    expect(LeadSchema.parse(created.data)).toMatchObject({ email: 'ada@example.com', source: 'api', name: null, status: 'new', contact_id: null });
    for (let i = 0; i < 4; i++) expect((await api.post('/v2/leads', { email: `lead${i}@example.com`, source: 'webform' })).status).toBe(201);

    expect((await api.get(`/v2/leads/${created.data.id}`)).data).toEqual(created.data);
    const first = await api.get('/v1/leads?limit=3');
    const page = pageOf(LeadSchema, 'LeadPage').parse(first.data);
    expect(page.data.map((l) => l.id)).toEqual(['ld_000001', 'ld_000002', 'ld_000003']);
    expect(first.headers['link']).toMatch(/rel="next"/);
    const second = await api.get(`/v1/leads?limit=3&cursor=${page.next_cursor}`);
    expect(second.data.data.map((l: { id: string }) => l.id)).toEqual(['ld_000004', 'ld_000005']);
    expect(second.data.next_cursor).toBeNull();
    expect((await api.get('/v1/leads/ld_999999')).status).toBe(404);
  });

  it('refuses a lead for a contact that does not exist, naming the field', async () => {
    v = await startTestVendor();
    const api = await v.authed('leads:write');
    const res = await api.post('/v1/leads', { email: 'x@example.com', contact_id: 'ct_999999' });
    expect(res.status).toBe(422);
    expect(res.data.errors).toEqual([{ field: 'contact_id', message: 'there is no contact "ct_999999"' }]);
    const ok = await api.post('/v1/leads', { email: 'x@example.com', contact_id: 'ct_000001' });
    expect(ok.data.contact_id).toBe('ct_000001');
  });

  it('needs leads:write to create and leads:read to list', async () => {
    v = await startTestVendor();
    const readOnly = await v.authed('leads:read');
    expect((await readOnly.post('/v1/leads', lead)).status).toBe(403);
    const writeOnly = await v.authed('leads:write');
    expect((await writeOnly.get('/v1/leads')).status).toBe(403);
  });
});

describe('Idempotency-Key on POST /leads', () => {
  it('replays the first response for the same key and body, creating only one lead', async () => {
    v = await startTestVendor();
    const api = await v.authed('leads:write');
    const before = v.tenant.data.leads.size;
    const first = await api.post('/v1/leads', lead, withKey('key-replay-1'));
    const again = await api.post('/v1/leads', { note: lead.note, name: lead.name, email: lead.email }, withKey('key-replay-1'));
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.data).toEqual(first.data);
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(v.tenant.data.leads.size).toBe(before + 1);
  });

  it('answers 409 idempotency_key_conflict when the key is reused with a different body', async () => {
    v = await startTestVendor();
    const api = await v.authed('leads:write');
    expect((await api.post('/v1/leads', lead, withKey('key-conflict'))).status).toBe(201);
    const other = await api.post('/v1/leads', { ...lead, email: 'someone-else@example.com' }, withKey('key-conflict'));
    expect(other.status).toBe(409);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(other.data.code).toBe('idempotency_key_conflict');
    const otherVersion = await api.post('/v2/leads', lead, withKey('key-conflict'));
    expect(otherVersion.data.code).toBe('idempotency_key_conflict');
    expect(v.tenant.data.leads.size).toBe(1);
  });

  it('answers 409 idempotency_request_in_progress while the first request with the key is still in flight', async () => {
    v = await startTestVendor({
      tenant: { rules: [{ match: { method: 'POST', path: '/v1/leads' }, when: { times: 1 }, fault: 'latency', options: { latencyMs: 300 } }] },
    });
    const api = await v.authed('leads:write');
    const [a, b] = await Promise.all([
      api.post('/v1/leads', lead, withKey('key-in-flight')),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => api.post('/v1/leads', lead, withKey('key-in-flight'))),
    ]);
    const byStatus = [a, b].sort((x, y) => x.status - y.status);
    expect(byStatus.map((r) => r.status)).toEqual([201, 409]);
    expect(byStatus[1]!.data.code).toBe('idempotency_request_in_progress');
    expect(byStatus[1]!.headers['retry-after']).toBe('1');
    const after = await api.post('/v1/leads', lead, withKey('key-in-flight'));
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(after.data.id).toBe(byStatus[0]!.data.id);
    expect(v.tenant.data.leads.size).toBe(1);
  });

  it('does not process a keyed request whose caller gave up while it was held, so the retry creates the only lead', async () => {
    v = await startTestVendor({
      tenant: { rules: [{ match: { method: 'POST', path: '/v1/leads' }, when: { times: 1 }, fault: 'latency', options: { latencyMs: 400 } }] },
    });
    const api = await v.authed('leads:write');
    const gaveUp = await api.post('/v1/leads', lead, { ...withKey('key-abandoned'), timeout: 100 }).catch((error: Error) => error);
    expect(gaveUp).toBeInstanceOf(Error);
    const retry = await api.post('/v1/leads', lead, withKey('key-abandoned'));
    expect(retry.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the held first attempt is released by now
    expect(v.tenant.data.leads.size).toBe(1);
    const again = await api.post('/v1/leads', lead, withKey('key-abandoned'));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.data.id).toBe(retry.data.id);
  });

  it('does not store a 5xx, so a retry after one is processed afresh', async () => {
    v = await startTestVendor({
      tenant: { rules: [{ match: { method: 'POST', path: '/v1/leads' }, when: { times: 1 }, fault: 'status', options: { status: 503 } }] },
    });
    const api = await v.authed('leads:write');
    expect((await api.post('/v1/leads', lead, withKey('key-after-503'))).status).toBe(503);
    const retry = await api.post('/v1/leads', lead, withKey('key-after-503'));
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const replay = await api.post('/v1/leads', lead, withKey('key-after-503'));
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.data.id).toBe(retry.data.id);
  });

  it('stores a 4xx answer and replays it too', async () => {
    v = await startTestVendor();
    const api = await v.authed('leads:write');
    const bad = { email: 'not-an-email' };
    const first = await api.post('/v1/leads', bad, withKey('key-422'));
    const again = await api.post('/v1/leads', bad, withKey('key-422'));
    expect(first.status).toBe(422);
    expect(again.status).toBe(422);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.data).toEqual(first.data);
  });

  it('does not let a refused token or a missing scope use up the key', async () => {
    v = await startTestVendor();
    const readOnly = await v.authed('leads:read');
    expect((await readOnly.post('/v1/leads', lead, withKey('key-scope'))).status).toBe(403);
    const api = await v.authed('leads:write');
    const res = await api.post('/v1/leads', lead, withKey('key-scope'));
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps keys per tenant', async () => {
    v = await startTestVendor();
    const { tenant: other, clientSecret } = v.vendor.createTenant();
    const api = await v.authed('leads:write');
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'leads:write' });
    const token = (await v.http.post('/oauth/token', form, { auth: { username: other.clientId, password: clientSecret } })).data.access_token;
    const mine = await api.post('/v1/leads', lead, withKey('shared-key'));
    const theirs = await v.http.post('/v1/leads', { ...lead, email: 'b@example.com' }, { headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': 'shared-key' } });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('forgets a key after 24 hours of vendor time', async () => {
    v = await startTestVendor({ clock: createClock({ frozenAt: Date.now() }) });
    const first = await (await v.authed('leads:write')).post('/v1/leads', lead, withKey('key-ttl'));
    v.vendor.clock.advance(24 * 3600 * 1000 - 1000);
    const within = await (await v.authed('leads:write')).post('/v1/leads', lead, withKey('key-ttl'));
    expect(within.headers['idempotent-replayed']).toBe('true');
    v.vendor.clock.advance(1000);
    const later = await (await v.authed('leads:write')).post('/v1/leads', lead, withKey('key-ttl'));
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.data.id).not.toBe(first.data.id);
  });

  it('refuses a key longer than 255 characters with 400', async () => {
    v = await startTestVendor();
    const api = await v.authed('leads:write');
    const res = await api.post('/v1/leads', lead, withKey('k'.repeat(256)));
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('invalid_idempotency_key');
    expect((await api.post('/v1/leads', lead, withKey('k'.repeat(255)))).status).toBe(201);
  });
});
