import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { method: 'GET', path: '/v1/contacts' }, fault: 'malformed', options: { mode: 'html', status: 502 } },
        { match: { method: 'GET', path: '/v1/contacts/:id' }, fault: 'malformed', options: { mode: 'garbage' } },
      ],
    },
  });
});
afterAll(() => v.close());

describe('malformed', () => {
  it('answers an HTML proxy error page labelled application/json', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get<string>('/v1/contacts', { responseType: 'text' });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.data).toMatch(/^<!DOCTYPE html>/);
    expect(() => JSON.parse(res.data)).toThrow(SyntaxError);
  });

  it('answers JSON-looking garbage with the handler status, which no parser accepts', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get<string>('/v1/contacts/ct_000001', { responseType: 'text' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.data).toMatch(/^\{"data": \[/);
    expect(() => JSON.parse(res.data)).toThrow(SyntaxError);
  });

  it('leaves a client that trusts Content-Type with a string where it expected an object', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts/ct_000001');
    expect(typeof res.data).toBe('string');
  });
});
