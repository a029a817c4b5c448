import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DealV1Schema, DealV2Schema } from '../../mock-vendor/schemas/deal.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { seed: 7 } });
});
afterAll(() => v.close());

describe('deals', () => {
  it('sends v1 amounts as integer cents beside currency, and v2 amounts as a decimal string with its currency', async () => {
    const api = await v.authed('deals:read');
    const one = await api.get('/v1/deals?limit=100');
    const two = await api.get('/v2/deals?limit=100');
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    const v1 = one.data.data.map((d: unknown) => DealV1Schema.parse(d));
    const v2 = two.data.data.map((d: unknown) => DealV2Schema.parse(d));
    expect(v1).toHaveLength(v.tenant.data.deals.size);
    for (const [i, deal] of v1.entries()) {
      const other = v2[i]!;
      expect(other.id).toBe(deal.id);
      expect(other.amount.currency).toBe(deal.currency);
      expect(other.amount.value).toBe((deal.amount / 100).toFixed(2));
    }
  });

  it('creates a deal from a v2 decimal amount and shows it in cents under v1', async () => {
    const api = await v.authed('deals:read deals:write');
    const created = await api.post('/v2/deals', { contact_id: 'ct_000001', title: 'Annual plan', amount: { value: '123.45', currency: 'EUR' } });
    expect(created.status).toBe(201);
    expect(created.headers['location']).toBe(`/v2/deals/${created.data.id}`);
    expect(DealV2Schema.parse(created.data)).toMatchObject({ amount: { value: '123.45', currency: 'EUR' }, stage: 'open', close_date: null });
    const asV1 = await api.get(`/v1/deals/${created.data.id}`);
    expect(asV1.data).toMatchObject({ amount: 12345, currency: 'EUR' });
  });

  it('respects currencies without minor units: 500 JPY in v1 is "500" in v2', async () => {
    const api = await v.authed('deals:read deals:write');
    const created = await api.post('/v1/deals', { contact_id: 'ct_000002', title: 'Tokyo office', amount: 500, currency: 'JPY', close_date: '2026-09-30' });
    expect(created.status).toBe(201);
    expect(DealV1Schema.parse(created.data)).toMatchObject({ amount: 500, currency: 'JPY', close_date: '2026-09-30' });
    expect((await api.get(`/v2/deals/${created.data.id}`)).data.amount).toEqual({ value: '500', currency: 'JPY' });
  });

  it('refuses amounts it would have to round, floats in v1, and unknown contacts, naming the field', async () => {
    const api = await v.authed('deals:write');
    const cases: [string, unknown, string][] = [
      ['/v2/deals', { contact_id: 'ct_000001', title: 't', amount: { value: '1.999', currency: 'EUR' } }, 'amount.value'],
      ['/v2/deals', { contact_id: 'ct_000001', title: 't', amount: { value: 12.5, currency: 'EUR' } }, 'amount.value'],
      ['/v2/deals', { contact_id: 'ct_000001', title: 't', amount: { value: '10.5', currency: 'JPY' } }, 'amount.value'],
      ['/v1/deals', { contact_id: 'ct_000001', title: 't', amount: 12.5, currency: 'EUR' }, 'amount'],
      ['/v1/deals', { contact_id: 'ct_000001', title: 't', amount: 100, currency: 'eur' }, 'currency'],
      ['/v1/deals', { contact_id: 'ct_999999', title: 't', amount: 100, currency: 'EUR' }, 'contact_id'],
    ];
    for (const [path, body, field] of cases) {
      const res = await api.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.data.errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
  });

  it('updates a deal with PATCH in either version', async () => {
    const api = await v.authed('deals:read deals:write');
    const won = await api.patch('/v2/deals/dl_000001', { stage: 'won', amount: { value: '99.90', currency: 'GBP' } });
    expect(won.status).toBe(200);
    expect(won.data).toMatchObject({ stage: 'won', amount: { value: '99.90', currency: 'GBP' } });
    const renamed = await api.patch('/v1/deals/dl_000001', { title: 'Renamed' });
    expect(renamed.data).toMatchObject({ title: 'Renamed', amount: 9990, currency: 'GBP', stage: 'won' });
    expect((await api.patch('/v1/deals/dl_000001', { amount: 5 })).status).toBe(422);
    expect((await api.patch('/v1/deals/dl_999999', { title: 'x' })).status).toBe(404);
  });

  it('needs deals:write to change deals', async () => {
    const api = await v.authed('deals:read');
    expect((await api.patch('/v2/deals/dl_000001', { stage: 'lost' })).status).toBe(403);
  });
});
