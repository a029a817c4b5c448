import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { path: '/v1/contacts' }, fault: 'require-header', options: { header: 'Acme-Account', value: 'main' } },
        { match: { path: '/v1/contacts/:id' }, fault: 'require-header' },
      ],
    },
  });
});
afterAll(() => v.close());

describe('require-header', () => {
  it('refuses a request without the header with a bare 400 that gives no hint', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.data).toMatchObject({ code: 'bad_request', detail: 'Bad Request' });
    expect(JSON.stringify(res.data)).not.toMatch(/acme-account/i);
  });

  it('refuses the header with another value than the required one', async () => {
    const api = await v.authed('contacts:read');
    expect((await api.get('/v1/contacts', { headers: { 'Acme-Account': 'other' } })).status).toBe(400);
  });

  it('serves the request normally once the header is right (any case)', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts', { headers: { 'acme-account': 'main' } });
    expect(res.status).toBe(200);
    expect(res.data.data.length).toBeGreaterThan(0);
  });

  it('accepts any value when none is configured (default header Acme-Version)', async () => {
    const api = await v.authed('contacts:read');
    expect((await api.get('/v1/contacts/ct_000001')).status).toBe(400);
    expect((await api.get('/v1/contacts/ct_000001', { headers: { 'Acme-Version': '2024-01-01' } })).status).toBe(200);
  });
});
