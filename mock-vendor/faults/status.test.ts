import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { method: 'GET', path: '/v1/contacts' }, fault: 'status', options: { retryAfterSeconds: 2 } },
        { match: { method: 'GET', path: '/v1/contacts/:id' }, fault: 'status', options: { status: 502 } },
      ],
    },
  });
});
afterAll(() => v.close());

describe('status', () => {
  it('answers 503 problem+json with Retry-After when retryAfterSeconds is set', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['x-acme-fault']).toBe('status');
    expect(res.data).toMatchObject({ status: 503, code: 'service_unavailable', request_id: res.headers['x-request-id'] });
  });

  it('answers another 5xx without Retry-After when none is set', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts/ct_000001');
    expect(res.status).toBe(502);
    expect(res.data.code).toBe('bad_gateway');
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('journals the status and the fault', () => {
    expect(v.tenant.journal.find({ path: '/v1/contacts', fault: 'status' })).toContainEqual(
      expect.objectContaining({ status: 503, errorCode: 'service_unavailable', outcome: 'completed' }),
    );
  });
});
