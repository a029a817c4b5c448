import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { method: 'GET', path: '/v1/contacts' }, fault: 'hang' },
        { match: { method: 'GET', path: '/v1/contacts/:id' }, fault: 'hang', options: { maxHangMs: 150 } },
      ],
    },
  });
});
afterAll(() => v.close());

describe('hang', () => {
  it('never answers, so only a client timeout ends the request (ECONNABORTED)', async () => {
    const api = await v.authed('contacts:read');
    const startedAt = performance.now();
    await expect(api.get('/v1/contacts', { timeout: 200 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(190);
  });

  it('journals the request as client-aborted once the client closes the socket', async () => {
    const api = await v.authed('contacts:read');
    await api.get('/v1/contacts', { timeout: 200 }).catch(() => undefined);
    await expect
      .poll(() => v.tenant.journal.find({ path: '/v1/contacts', kind: 'connection' }), { timeout: 1_000, interval: 20 })
      .toContainEqual(expect.objectContaining({ outcome: 'client-aborted', status: null, fault: 'hang' }));
  });

  it('drops the connection after maxHangMs, so an abandoned request cannot hold a socket for ever', async () => {
    const api = await v.authed('contacts:read');
    const startedAt = performance.now();
    await expect(api.get('/v1/contacts/ct_000001', { timeout: 2_000 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
    await expect
      .poll(() => v.tenant.journal.find({ path: '/v1/contacts/ct_000001', kind: 'connection' }), { timeout: 1_000, interval: 20 })
      .toContainEqual(expect.objectContaining({ outcome: 'vendor-dropped', status: null, fault: 'hang' }));
  });
});
