import { isAxiosError, type AxiosError } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { rules: [{ match: { method: 'GET', path: '/v1/contacts' }, fault: 'reset' }] } });
});
afterAll(() => v.close());

describe('reset', () => {
  it('resets the connection so the client sees ECONNRESET and no response', async () => {
    const api = await v.authed('contacts:read');
    const error = await api.get('/v1/contacts').catch((e: unknown) => e);
    expect(isAxiosError(error)).toBe(true);
    expect((error as AxiosError).code).toBe('ECONNRESET');
    expect((error as AxiosError).response).toBeUndefined();
  });

  it('journals a connection event with outcome reset, not an exchange', async () => {
    const api = await v.authed('contacts:read');
    await api.get('/v1/contacts').catch(() => undefined);
    await expect
      .poll(() => v.tenant.journal.find({ path: '/v1/contacts', kind: 'connection' }), { timeout: 1_000, interval: 20 })
      .toContainEqual(expect.objectContaining({ kind: 'connection', outcome: 'reset', status: null, fault: 'reset' }));
    expect(v.tenant.journal.count({ path: '/v1/contacts', kind: 'exchange' })).toBe(0);
  });

  it('leaves other routes alone', async () => {
    const api = await v.authed('contacts:read');
    expect((await api.get('/v1/contacts/ct_000001')).status).toBe(200);
  });
});
