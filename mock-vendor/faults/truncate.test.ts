import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { method: 'GET', path: '/v1/contacts' }, when: { times: 1 }, fault: 'truncate' },
        { match: { method: 'GET', path: '/v1/contacts/:id' }, when: { times: 1 }, fault: 'truncate', options: { keepFraction: 0.9 } },
      ],
    },
  });
});
afterAll(() => v.close());

describe('truncate', () => {
  it('sends a well-formed response whose JSON body is cut short, so JSON.parse fails', async () => {
    const api = await v.authed('contacts:read');
    const cut = await api.get<string>('/v1/contacts?limit=5', { responseType: 'text' });
    expect(cut.status).toBe(200);
    expect(cut.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(cut.headers['content-length'])).toBe(Buffer.byteLength(cut.data));
    expect(() => JSON.parse(cut.data)).toThrow(SyntaxError);

    const whole = await api.get<string>('/v1/contacts?limit=5', { responseType: 'text' });
    expect(JSON.parse(whole.data).data).toHaveLength(5);
    expect(whole.data.startsWith(cut.data)).toBe(true);
    expect(Buffer.byteLength(cut.data)).toBe(Math.floor(Buffer.byteLength(whole.data) * 0.5));
  });

  it('keeps keepFraction of the body, and never all of it', async () => {
    const api = await v.authed('contacts:read');
    const cut = await api.get<string>('/v1/contacts/ct_000001', { responseType: 'text' });
    const whole = await api.get<string>('/v1/contacts/ct_000001', { responseType: 'text' });
    expect(cut.data.length).toBeGreaterThan(whole.data.length * 0.85);
    expect(cut.data.length).toBeLessThan(whole.data.length);
    expect(() => JSON.parse(cut.data)).toThrow(SyntaxError);
  });

  it('journals a completed exchange with the fault, since the HTTP exchange itself succeeded', () => {
    expect(v.tenant.journal.find({ path: '/v1/contacts', fault: 'truncate' })).toEqual([
      expect.objectContaining({ kind: 'exchange', status: 200, outcome: 'completed' }),
    ]);
  });
});
