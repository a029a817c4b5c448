import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaos } from '../../mock-vendor/scenarios/chaos.ts';
import { capstone } from '../../mock-vendor/scenarios/10-capstone.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

let v: TestVendor;
beforeAll(async () => {
  v = await startTestVendor({ tenant: { scenario: '10-capstone' } });
});
afterAll(() => v.close());

describe('scenario 10-capstone', () => {
  it('keeps every chaos rule, after its own', () => {
    expect(capstone.rules.slice(1)).toEqual(chaos.rules);
  });

  it('stores every third created contact but answers it with a proxy HTML 502', async () => {
    const api = await v.authed('contacts:write');
    const statuses: (number | string)[] = [];
    for (const n of [1, 2, 3]) {
      const email = `lost.${n}@capstone.example.org`;
      try {
        const res = await api.post('/v1/contacts', { first_name: 'Lost', last_name: `Answer ${n}`, email });
        statuses.push(res.status);
      } catch (error) {
        statuses.push((error as { code?: string }).code ?? 'error');
      }
    }
    const third = v.tenant.journal.find({ method: 'POST', path: '/v1/contacts' }).at(-1)!;
    expect(statuses[2]).toBe(502);
    expect(third.fault).toBe('malformed');
    expect(v.tenant.data.contacts.all().filter((c) => c.email === 'lost.3@capstone.example.org')).toHaveLength(1);
  });
});
