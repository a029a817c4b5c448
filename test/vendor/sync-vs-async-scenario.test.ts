import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;

/** A no-op rule: it fires first, so the scenario's random faults leave these requests alone. */
const quiet = (method: string, path: string) => ({ match: { method, path }, fault: 'latency', options: { latencyMs: 0 } });
beforeAll(async () => {
  v = await startTestVendor({ tenant: { scenario: '08-sync-vs-async' } });
});
afterAll(() => v.close());

describe('scenario 08-sync-vs-async', () => {
  it('a lead whose answer is cut short was created all the same, and a retry with the same key replays it', async () => {
    v.tenant.setExtraRules([{ match: { method: 'POST', path: '/v1/leads' }, when: { times: 1 }, fault: 'truncate' }, quiet('POST', '/v1/leads')]);
    const api = await v.authed('leads:write');
    const send = () => api.post('/v1/leads', { email: 'lost.answer@example.com' }, { headers: { 'Idempotency-Key': 'lead-lost-answer' }, responseType: 'text' });
    const cut = await send();
    expect(cut.status).toBe(201);
    expect(() => JSON.parse(cut.data as string)).toThrow();
    const retry = await send();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(v.tenant.data.leads.all().filter((l) => l.email === 'lost.answer@example.com')).toHaveLength(1);
    expect(JSON.parse(retry.data as string).id).toBe(v.tenant.data.leads.all().find((l) => l.email === 'lost.answer@example.com')?.id);
  });

  it('imports 10 rows per vendor second and asks pollers to wait with Retry-After until the job ends', async () => {
    v.tenant.setExtraRules([quiet('GET', '/v1/jobs/:id')]);
    const api = await v.authed('imports:write');
    const rows = Array.from({ length: 20 }, (_, i) => ({ first_name: 'Row', last_name: String(i), email: `row${i}@example.com` }));
    const accepted = await api.post('/v1/imports/contacts', { contacts: rows });
    expect(accepted.status).toBe(202);
    expect(accepted.headers['retry-after']).toBe('1');
    v.vendor.clock.advance(1_000);
    const running = await api.get(accepted.headers['location']);
    expect(running.data).toMatchObject({ status: 'running' });
    expect(running.data.processed).toBeGreaterThanOrEqual(10);
    expect(running.data.processed).toBeLessThan(20);
    expect(running.headers['retry-after']).toBe('1');
    v.vendor.clock.advance(1_000);
    const done = await api.get(accepted.headers['location']);
    expect(done.data).toMatchObject({ status: 'succeeded', created: 20 });
    expect(done.headers['retry-after']).toBeUndefined();
  });
});
