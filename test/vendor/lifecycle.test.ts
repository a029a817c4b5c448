import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPRECATIONS } from '../../mock-vendor/resources/lifecycle.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { seed: 3 } });
});
afterAll(() => v.close());

/** RFC 8288 links by rel. */
function links(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of (header ?? '').matchAll(/<([^>]*)>\s*;\s*rel="([^"]+)"/g)) out.set(match[2]!, match[1]!);
  return out;
}

describe('lifecycle headers on the deprecated /v1/deals', () => {
  it('answers Deprecation as an RFC 9745 date, Sunset as an HTTP-date, and links to the successor and the notice', async () => {
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals');
    expect(res.status).toBe(200);
    const deprecation = res.headers['deprecation'] as string;
    expect(deprecation).toMatch(/^@\d+$/);
    expect(Number(deprecation.slice(1)) * 1000).toBe(DEPRECATIONS[0].deprecatedAt);
    const sunset = res.headers['sunset'] as string;
    expect(sunset).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(sunset)).toBeGreaterThan(Number(deprecation.slice(1)) * 1000);
    const rels = links(res.headers['link']);
    expect(rels.get('successor-version')).toBe('/v2/deals');
    expect(rels.get('deprecation')).toMatch(/^https:\/\//);
  });

  it('keeps the pagination link in the same Link header value', async () => {
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals?limit=5');
    const header = res.headers['link'] as string;
    expect(typeof header).toBe('string');
    const rels = links(header);
    expect([...rels.keys()].sort()).toEqual(['deprecation', 'next', 'successor-version']);
    const next = await api.get(rels.get('next')!);
    expect(next.status).toBe(200);
    expect(next.data.data[0].id).toBe('dl_000006');
  });

  it('points a single deal at its v2 successor, and marks errors on the resource too', async () => {
    const api = await v.authed('deals:read');
    const one = await api.get('/v1/deals/dl_000002');
    expect(links(one.headers['link']).get('successor-version')).toBe('/v2/deals/dl_000002');
    const missing = await api.get('/v1/deals/dl_999999');
    expect(missing.status).toBe(404);
    expect(missing.headers['deprecation']).toMatch(/^@\d+$/);
    const unauthenticated = await v.http.get('/v1/deals');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['sunset']).toBeDefined();
  });

  it('records the lifecycle headers in the journal, where graded checks can see them', async () => {
    const api = await v.authed('deals:read');
    await api.get('/v1/deals');
    const entry = v.tenant.journal.find({ path: '/v1/deals' }).at(-1)!;
    expect(entry.responseHeaders['deprecation']).toMatch(/^@\d+$/);
    expect(entry.responseHeaders['sunset']).toBeDefined();
  });

  it('leaves /v2/deals and other v1 resources undecorated', async () => {
    const api = await v.authed('deals:read contacts:read');
    for (const path of ['/v2/deals', '/v2/deals?limit=5', '/v1/contacts', '/v1/dealsx']) {
      const res = await api.get(path);
      expect(res.headers['deprecation'], path).toBeUndefined();
      expect(res.headers['sunset'], path).toBeUndefined();
      expect(links(res.headers['link']).has('successor-version'), path).toBe(false);
    }
  });
});
