import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVendor, type TestVendor } from '../../test/support/test-vendor.ts';

const drift = { renames: { email: 'email_address' }, stringify: ['status'], add: { lifecycle_stage: 'lead' }, remove: ['phone'] };

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({
    tenant: {
      rules: [
        { match: { method: 'GET', path: '/v*/contacts' }, fault: 'schema-drift', options: drift },
        { match: { method: 'GET', path: '/v1/contacts/:id' }, fault: 'schema-drift', options: { renames: { first_name: 'given_name' } } },
        { match: { method: 'GET', path: '/v1/deals' }, fault: 'schema-drift', options: { stringify: ['amount'], add: { pipeline_id: 'pl_1' }, where: { field: 'currency', in: ['USD'] } } },
      ],
    },
  });
});
afterAll(() => v.close());

describe('schema-drift', () => {
  it('renames, stringifies, adds and removes fields on every item of a list', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts?limit=5');
    expect(res.status).toBe(200);
    expect(res.data.data).toHaveLength(5);
    for (const item of res.data.data) {
      expect(item).toHaveProperty('email_address');
      expect(item).not.toHaveProperty('email');
      expect(item).not.toHaveProperty('phone');
      expect(item.status).toBeTypeOf('string');
      expect(item.lifecycle_stage).toBe('lead');
    }
    expect(res.data).toHaveProperty('next_cursor');
  });

  it('keeps the values: only the shape drifts', async () => {
    const api = await v.authed('contacts:read');
    const [item] = (await api.get('/v1/contacts?limit=1')).data.data;
    const stored = v.tenant.data.contacts.get(item.id)!;
    expect(item.email_address).toBe(stored.email);
    expect(item.status).toBe(String(stored.status));
  });

  it('drifts a single object too', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts/ct_000001');
    expect(res.data.given_name).toBe(v.tenant.data.contacts.get('ct_000001')!.firstName);
    expect(res.data).not.toHaveProperty('first_name');
  });

  it('leaves fields that are not numbers alone when asked to stringify them (v2 status is already a label)', async () => {
    const api = await v.authed('contacts:read');
    const [item] = (await api.get('/v2/contacts?limit=1')).data.data;
    expect(item.status).toBeTypeOf('string');
    expect(item.name).toBeTypeOf('object');
  });

  it('drifts only the records that match `where`, leaving the others as they were', async () => {
    const api = await v.authed('deals:read');
    const deals: { id: string; currency: string; amount: unknown; pipeline_id?: string }[] = (await api.get('/v1/deals?limit=100')).data.data;
    const usd = deals.filter((d) => d.currency === 'USD');
    const others = deals.filter((d) => d.currency !== 'USD');
    expect(usd.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    for (const deal of usd) {
      expect(deal.amount).toBe(String(v.tenant.data.deals.get(deal.id)!.amountCents));
      expect(deal.pipeline_id).toBe('pl_1');
    }
    for (const deal of others) {
      expect(deal.amount).toBeTypeOf('number');
      expect(deal).not.toHaveProperty('pipeline_id');
    }
  });

  it('leaves error responses alone', async () => {
    const api = await v.authed('contacts:read');
    const res = await api.get('/v1/contacts/ct_999999');
    expect(res.status).toBe(404);
    expect(res.data.code).toBe('not_found');
  });
});
