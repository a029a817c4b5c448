import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { scenario: '05-lean-release' } });
});
afterAll(() => v.close());

/** Moves the vendor clock to `seconds` after the tenant's scenario started. */
function at(seconds: number): void {
  const elapsed = v.vendor.clock.now() - v.tenant.runner.activatedAt;
  v.vendor.clock.advance(Math.max(0, seconds * 1000 - elapsed));
}

const credentials = () => ({ auth: { username: v.tenant.clientId, password: v.clientSecret } });
const tokenRequest = () => v.http.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials', scope: 'contacts:write' }), credentials());

describe('scenario 05-lean-release', () => {
  it('is healthy at first, then answers 503 to everything, token requests included, from minute 5 to 15', async () => {
    const api = await v.authed('contacts:write');
    expect((await api.patch('/v1/contacts/ct_000001', { company: 'Before Ltd' })).status).toBe(200);
    at(300);
    expect((await api.patch('/v1/contacts/ct_000001', { company: 'During Ltd' })).status).toBe(503);
    expect((await tokenRequest()).status).toBe(503);
    expect(v.tenant.data.contacts.get('ct_000001')?.company).toBe('Before Ltd');
    at(900);
    expect((await api.patch('/v1/contacts/ct_000001', { company: 'After Ltd' })).status).toBe(200);
  });

  it('resets every connection from minute 25 to 30, and journals each reset as a connection event', async () => {
    const api = await v.authed('contacts:write');
    at(1_500);
    const error = await api.patch('/v1/contacts/ct_000002', { company: 'Reset Ltd' }).catch((e: { code?: string }) => e);
    expect((error as { code?: string }).code).toBe('ECONNRESET');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [entry] = v.tenant.journal.find({ path: '/v1/contacts/ct_000002' });
    expect(entry).toMatchObject({ kind: 'connection', status: null, outcome: 'reset', fault: 'reset' });
    at(1_800);
    expect((await api.patch('/v1/contacts/ct_000002', { company: 'Back Ltd' })).status).toBe(200);
  });
});
