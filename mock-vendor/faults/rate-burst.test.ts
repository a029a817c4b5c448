import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    clock: createClock({ frozenAt: Date.now() }),
    tenant: { rules: [{ match: { method: 'GET', path: '/v1/contacts' }, when: { times: 1 }, fault: 'rate-burst', options: { retryAfterSeconds: 1 } }] },
  });
});
afterAll(() => v.close());

describe('rate-burst', () => {
  it('answers 429 problem+json with Retry-After and the rate-limit headers the real limiter sends', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts');
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.data.code).toBe('rate_limited');
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['x-ratelimit-limit']).toBe('600');
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
    expect(res.headers['ratelimit-policy']).toBe('"default";q=600;w=60');
    expect(res.headers['ratelimit']).toMatch(/^"default";r=0;t=\d+$/);
  });

  it('leaves the bucket empty, so the next ordinary request is limited too until it refills', async () => {
    const api = await v.authed('contacts:read');
    const limited = await api.get('/v1/contacts/ct_000001');
    expect(limited.status).toBe(429);
    expect(limited.headers['x-acme-fault']).toBeUndefined();
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    v.vendor.clock.advance(1_000);
    expect((await api.get('/v1/contacts/ct_000001')).status).toBe(200);
  });

  it('journals the burst as the fault and the follow-up as the real limiter', () => {
    const limited = v.tenant.journal.find({ status: 429 });
    expect(limited.map((e) => [e.path, e.fault, e.errorCode])).toEqual([
      ['/v1/contacts', 'rate-burst', 'rate_limited'],
      ['/v1/contacts/ct_000001', null, 'rate_limited'],
    ]);
    expect(limited[0]!.responseHeaders['retry-after']).toBe('1');
  });
});
