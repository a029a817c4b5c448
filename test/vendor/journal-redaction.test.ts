import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../../mock-vendor/tenants/fingerprint.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
afterEach(() => v?.close());

describe('the journal keeps no credential raw', () => {
  it('fingerprints ?access_token=, an X-Client-Secret header and clientSecret / api_key body fields; keeps Idempotency-Key', async () => {
    v = await startTestVendor();
    const api = await v.authed();
    const token = 'raw-token-in-the-query';
    await api.post(`/v1/leads?access_token=${token}&dry=1`, { email: 'lee@example.com', source: 'web', clientSecret: 'raw-client-secret', nested: { api_key: 'raw-api-key' } }, {
      headers: { 'X-Client-Secret': 'raw-header-secret', 'Idempotency-Key': 'op-42', 'X-Correlation-Id': 'corr-42' },
    });
    const entry = v.tenant.journal.entries().find((e) => e.path === '/v1/leads')!;
    expect(JSON.stringify(entry)).not.toMatch(/raw-(token|client-secret|api-key|header-secret)/);
    expect(entry.query).toBe(`access_token=${fingerprint(token)}&dry=1`);
    expect(entry.requestHeaders['x-client-secret']).toBe(fingerprint('raw-header-secret'));
    expect(entry.requestBody).toMatchObject({ email: 'lee@example.com', clientSecret: fingerprint('raw-client-secret'), nested: { api_key: fingerprint('raw-api-key') } });
    expect(entry.requestHeaders['idempotency-key']).toBe('op-42');
    expect(entry.idempotencyKey).toBe('op-42');
    expect(entry.correlationId).toBe('corr-42');
  });
});
