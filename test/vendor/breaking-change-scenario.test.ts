import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

const MINUTE_MS = 60_000;
const PINNED = { 'Acme-Version': '2025-03-01' };

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { scenario: '07-breaking-change' } });
});
afterAll(() => v.close());

/** Moves the vendor clock to `minutes` after the tenant's scenario started. */
function at(minutes: number): void {
  const elapsed = v.vendor.clock.now() - v.tenant.runner.activatedAt;
  v.vendor.clock.advance(Math.max(0, minutes * MINUTE_MS - elapsed));
}

const amounts = (deals: { currency: string; amount: unknown }[], currency?: string) =>
  deals.filter((d) => currency === undefined || d.currency === currency).map((d) => typeof d.amount);

describe('scenario 07-breaking-change', () => {
  it('serves v1 deals unchanged at first, with Deprecation, Sunset and a successor Link', async () => {
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals?limit=100', { headers: PINNED });
    expect(res.status).toBe(200);
    expect(new Set(amounts(res.data.data))).toEqual(new Set(['number']));
    expect(res.headers['deprecation']).toMatch(/^@\d+$/);
    expect(res.headers['sunset']).toBe('Thu, 31 Dec 2026 23:59:59 GMT');
    expect(res.headers['link']).toContain('</v2/deals>; rel="successor-version"');
  });

  it('after the release, sends string amounts for USD deals only to a pinned client, and for every deal to an unpinned one', async () => {
    at(11);
    const api = await v.authed('deals:read');
    const pinned = (await api.get('/v1/deals?limit=100', { headers: PINNED })).data.data;
    expect(new Set(amounts(pinned, 'USD'))).toEqual(new Set(['string']));
    expect(new Set(amounts(pinned, 'EUR'))).toEqual(new Set(['number']));
    expect(pinned.find((d: { currency: string }) => d.currency === 'USD')).toHaveProperty('billing_account_id');
    const unpinned = (await api.get('/v1/deals?limit=100')).data.data;
    expect(new Set(amounts(unpinned))).toEqual(new Set(['string']));
  });

  it('then redirects /v1/deals with 308 to /v2/deals', async () => {
    at(21);
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals?limit=10', { headers: PINNED, maxRedirects: 0 });
    expect(res.status).toBe(308);
    expect(res.headers['location']).toBe('/v2/deals?limit=10');
  });

  it('and finally answers 410 Gone with the successor in a Link', async () => {
    at(31);
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals', { headers: PINNED, maxRedirects: 0 });
    expect(res.status).toBe(410);
    expect(res.data.code).toBe('gone');
    expect(res.headers['link']).toBe('</v2/deals>; rel="successor-version"');
  });
});
