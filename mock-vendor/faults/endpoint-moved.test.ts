import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { method: 'GET', path: '/v1/deals' }, fault: 'endpoint-moved', options: { from: '/v1/', to: '/v2/' } },
        { match: { method: 'GET', path: '/v1/deals/:id' }, fault: 'endpoint-moved', options: { from: '/v1/', to: '/v2/', status: 410 } },
      ],
    },
  });
});
afterAll(() => v.close());

describe('endpoint-moved', () => {
  it('redirects with 308 to the successor, keeping the query, with a successor-version Link', async () => {
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals?limit=5&cursor=abc', { maxRedirects: 0 });
    expect(res.status).toBe(308);
    expect(res.headers['location']).toBe('/v2/deals?limit=5&cursor=abc');
    expect(res.headers['link']).toBe('</v2/deals>; rel="successor-version"');
    expect(res.headers['x-acme-fault']).toBe('endpoint-moved');
  });

  it('lets a client that follows the redirect reach the successor', async () => {
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals?limit=2');
    expect(res.status).toBe(200);
    expect(res.data.data[0].amount).toHaveProperty('value');
    expect(v.tenant.journal.find({ path: '/v2/deals' })).toHaveLength(1);
  });

  it('answers 410 Gone as problem+json with the stable code "gone" and the Link to the successor', async () => {
    const api = await v.authed('deals:read');
    const res = await api.get('/v1/deals/dl_000001');
    expect(res.status).toBe(410);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.data.code).toBe('gone');
    expect(res.data.detail).toContain('/v2/deals/dl_000001');
    expect(res.headers['link']).toBe('</v2/deals/dl_000001>; rel="successor-version"');
    const [entry] = v.tenant.journal.find({ path: '/v1/deals/dl_000001' });
    expect(entry).toMatchObject({ status: 410, errorCode: 'gone', fault: 'endpoint-moved' });
  });

  it('refuses options that are not paths', async () => {
    const res = await v.admin.put(`/tenants/${v.tenant.id}/rules`, { rules: [{ fault: 'endpoint-moved', options: { from: 'v1', to: '/v2/' } }] });
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('invalid_rule');
  });
});
