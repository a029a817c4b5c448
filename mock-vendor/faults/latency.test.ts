import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { rules: [{ match: { method: 'GET', path: '/v1/contacts/:id' }, fault: 'latency', options: { latencyMs: 150 } }] } });
});
afterAll(() => v.close());

describe('latency', () => {
  it('serves the right answer, but no sooner than latencyMs', async () => {
    const api = await v.authed('contacts:read');
    const startedAt = performance.now();
    const res = await api.get('/v1/contacts/ct_000001');
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(145);
    expect(res.status).toBe(200);
    expect(res.data.id).toBe('ct_000001');
    expect(res.headers['x-acme-fault']).toBe('latency');
  });

  it('makes a client with a shorter timeout give up', async () => {
    const api = await v.authed('contacts:read');
    await expect(api.get('/v1/contacts/ct_000001', { timeout: 50 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
  });
});
