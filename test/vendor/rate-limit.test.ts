import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-vendor/clock.ts';
import { defineScenario } from '../../mock-vendor/scenarios/scenario.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

const clock = createClock({ frozenAt: Date.parse('2026-03-01T12:00:00Z') });
const tight = defineScenario({ name: 'tight', description: 'test', settings: { rateLimit: { limit: 3, windowSeconds: 6 } } });
let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ clock, scenarios: [tight], tenant: { scenario: 'tight' } });
});
afterAll(() => v.close());

describe('rate limits', () => {
  it('advertises the quota as draft-11 structured fields and as X-RateLimit-*', async () => {
    const api = await v.authed();
    const res = await api.get('/v1/contacts?limit=1');
    expect(res.headers['ratelimit-policy']).toBe('"default";q=3;w=6');
    expect(res.headers['ratelimit']).toBe('"default";r=2;t=2');
    expect(res.headers['x-ratelimit-limit']).toBe('3');
    expect(res.headers['x-ratelimit-remaining']).toBe('2');
    expect(Number(res.headers['x-ratelimit-reset'])).toBe(Math.ceil(clock.now() / 1000) + 2);
  });

  it('answers 429 with Retry-After once the bucket is empty, and lets traffic through after that wait', async () => {
    const api = await v.authed();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/v1/contacts?limit=1')).status);
    expect(statuses).toContain(429);
    const limited = await api.get('/v1/contacts?limit=1');
    expect(limited.status).toBe(429);
    expect(limited.data.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBe(2);
    clock.advance(retryAfter * 1000);
    expect((await api.get('/v1/contacts?limit=1')).status).toBe(200);
  });

  it('keeps one bucket per tenant', async () => {
    const other = v.vendor.createTenant({ scenario: 'tight' });
    const token = await v.http.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials' }), {
      auth: { username: other.tenant.clientId, password: other.clientSecret },
    });
    v.tenant.bucket.drain(clock.now());
    const res = await v.http.get('/v1/contacts?limit=1', { headers: { Authorization: `Bearer ${token.data.access_token}` } });
    expect(res.status).toBe(200);
  });
});
