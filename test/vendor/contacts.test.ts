import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactV1Schema, ContactV2Schema } from '../../mock-vendor/schemas/contact.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { seed: 42 } });
});
afterAll(() => v.close());

describe('contacts', () => {
  it('pages through every contact with cursors and Link headers, each in the v1 shape', async () => {
    const api = await v.authed('contacts:read');
    const seen: string[] = [];
    let url: string | undefined = '/v1/contacts?limit=7';
    while (url) {
      const res = await api.get(url);
      expect(res.status).toBe(200);
      for (const contact of res.data.data) seen.push(ContactV1Schema.parse(contact).id);
      const link = res.headers['link'] as string | undefined;
      if (res.data.next_cursor === null) {
        expect(link).toBeUndefined();
        url = undefined;
      } else {
        expect(link).toMatch(/rel="next"/);
        url = /<([^>]+)>/.exec(link!)![1];
      }
    }
    expect(seen).toHaveLength(v.tenant.data.contacts.size);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('serves the same records in the v2 shape under /v2', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v2/contacts/ct_000001');
    expect(res.status).toBe(200);
    const contact = ContactV2Schema.parse(res.data);
    const stored = v.tenant.data.contacts.get('ct_000001')!;
    expect(contact.name).toEqual({ first: stored.firstName, last: stored.lastName });
  });

  it('creates, updates and deletes a contact, and lists it in between', async () => {
    const api = await v.authed('contacts:read contacts:write');
    const created = await api.post('/v1/contacts', { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', country: 'gb' });
    expect(created.status).toBe(201);
    expect(created.headers['location']).toBe(`/v1/contacts/${created.data.id}`);
    expect(created.data).toMatchObject({ country: 'GB', opt_in: 'N', status: 1 });
    const patched = await api.patch(`/v1/contacts/${created.data.id}`, { opt_in: 'Y' });
    expect(patched.data.opt_in).toBe('Y');
    expect((await api.get(`/v1/contacts/${created.data.id}`)).data.opt_in).toBe('Y');
    expect((await api.delete(`/v1/contacts/${created.data.id}`)).status).toBe(204);
    expect((await api.get(`/v1/contacts/${created.data.id}`)).status).toBe(404);
  });

  it('answers 422 naming every invalid field', async () => {
    const api = await v.authed('contacts:write');
    const res = await api.post('/v1/contacts', { first_name: '', email: 'not-an-email', extra: 1 });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.data.code).toBe('validation_failed');
    expect(res.data.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['first_name', 'last_name', 'email']));
  });

  it('refuses a bad cursor and an out-of-range limit with 400', async () => {
    const api = await v.authed('contacts:read');
    for (const query of ['cursor=abc', 'cursor=eyJ4IjoxfQ', 'limit=0', 'limit=101', 'limit=ten', 'limit=5&limit=6']) {
      const res = await api.get(`/v1/contacts?${query}`);
      expect(res.status, query).toBe(400);
      expect(['invalid_cursor', 'invalid_query'], query).toContain(res.data.code);
    }
  });
});
