import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { rules: [{ match: { method: 'GET', path: '/v1/contacts' }, fault: 'stuck-cursor' }] } });
});
afterAll(() => v.close());

describe('stuck-cursor', () => {
  it('leaves the first page alone', async () => {
    const api = await v.authed('contacts:read');
    const first = await api.get('/v1/contacts?limit=5');
    expect(first.status).toBe(200);
    expect(first.data.data.map((c: { id: string }) => c.id)).toEqual(['ct_000001', 'ct_000002', 'ct_000003', 'ct_000004', 'ct_000005']);
    expect(first.data.next_cursor).toEqual(expect.any(String));
  });

  it('hands back the cursor it was asked with, so following it serves the same page again', async () => {
    const api = await v.authed('contacts:read');
    const { next_cursor: cursor } = (await api.get('/v1/contacts?limit=5')).data;
    const second = await api.get(`/v1/contacts?limit=5&cursor=${cursor}`);
    expect(second.status).toBe(200);
    expect(second.data.data[0].id).toBe('ct_000006');
    expect(second.data.next_cursor).toBe(cursor);
    expect(second.headers['link']).toBe(`</v1/contacts?limit=5&cursor=${cursor}>; rel="next"`);
    const again = await api.get(`/v1/contacts?limit=5&cursor=${second.data.next_cursor}`);
    expect(again.data).toEqual(second.data);
  });

  it('keeps the real page in the page cache for requests the rule does not pick', async () => {
    const api = await v.authed('contacts:read');
    const { next_cursor: cursor } = (await api.get('/v1/contacts?limit=5')).data;
    await api.get(`/v1/contacts?limit=5&cursor=${cursor}`);
    v.tenant.setExtraRules([]);
    expect((await api.get(`/v1/contacts?limit=5&cursor=${cursor}`)).data.next_cursor).not.toBe(cursor);
  });
});
