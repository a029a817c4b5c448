import { isAxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-vendor/clock.ts';
import { compileRules } from '../../mock-vendor/engine/compile-rules.ts';
import type { RuleInput } from '../../mock-vendor/engine/rule.ts';
import { RuleRunner } from '../../mock-vendor/engine/rule-runner.ts';
import { faults } from '../../mock-vendor/faults/index.ts';
import { ProblemError } from '../../mock-vendor/http/problem.ts';
import { createPrng } from '../../mock-vendor/prng.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

const ONE_CONTACT = '/v1/contacts/ct_000001';
const coinFlip: RuleInput = { match: { method: 'GET', path: '/v1/contacts/:id' }, when: { probability: 0.3 }, fault: 'status' };

/** Fired or not, for `n` identical requests through a runner seeded with `seed`. */
function firings(seed: number, n = 200): boolean[] {
  const runner = new RuleRunner(compileRules([coinFlip], faults), createPrng(seed), createClock({ frozenAt: 0 }));
  return Array.from({ length: n }, () => runner.decide({ channel: 'request', method: 'GET', path: ONE_CONTACT }) !== undefined);
}

function compileError(rules: unknown[]): ProblemError {
  try {
    compileRules(rules as RuleInput[], faults);
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('compileRules accepted rules it should have refused');
}

let v: TestVendor;
let api: AxiosInstance;
beforeAll(async () => {
  v = await startTestVendor({ clock: createClock({ frozenAt: Date.UTC(2026, 0, 5, 9) }), tenant: { seed: 7 } });
  api = await v.authed('contacts:read contacts:write');
});
afterAll(() => v.close());
beforeEach(() => v.tenant.journal.clear());

/** Statuses of `n` sequential requests (axios never throws on a status here). */
async function statuses(n: number, path = ONE_CONTACT, config?: AxiosRequestConfig): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await api.get(path, config)).status);
  return out;
}

describe('seeded probabilities', () => {
  it('gives the same fired/not-fired sequence over 200 requests for the same seed', () => {
    const first = firings(42);
    expect(firings(42)).toEqual(first);
    const rate = first.filter(Boolean).length / first.length;
    expect(rate).toBeGreaterThan(0.15);
    expect(rate).toBeLessThan(0.45);
  });

  it('gives a different sequence for a different seed', () => {
    expect(firings(43)).not.toEqual(firings(42));
  });

  it('replays the same sequence over HTTP for the same seed, and another one for another seed', async () => {
    v.tenant.setExtraRules([coinFlip]);
    const first = (await statuses(200)).map((s) => s === 503);
    expect(first).toEqual(firings(7)); // the seed alone decides, whichever tenant or vendor runs it

    v.tenant.setExtraRules([coinFlip]);
    expect((await statuses(200)).map((s) => s === 503)).toEqual(first);

    const switched = await v.admin.put(`/tenants/${v.tenant.id}/scenario`, { name: 'calm', seed: 8 });
    expect(switched.status).toBe(200);
    expect(switched.data.extraRules).toHaveLength(1);
    expect((await statuses(200)).map((s) => s === 503)).not.toEqual(first);
    v.vendor.useScenario(v.tenant.id, 'calm', 7);
  });
});

describe('scripted sequences', () => {
  it('plays "503, 503, 429 with Retry-After 1, reset, then 200" on one operation, and the journal shows exactly that', async () => {
    v.tenant.setExtraRules([
      {
        match: { method: 'GET', path: '/v1/contacts' },
        sequence: [{ fault: 'status', options: { status: 503 } }, { fault: 'status', options: { status: 503 } }, { fault: 'rate-burst', options: { retryAfterSeconds: 1 } }, { fault: 'reset' }, 'pass'],
      },
    ]);
    expect((await api.get('/v1/contacts')).status).toBe(503);
    expect((await api.get('/v1/contacts')).status).toBe(503);
    const limited = await api.get('/v1/contacts');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    v.vendor.clock.advance(1_000); // the client honours Retry-After
    const reset = await api.get('/v1/contacts').catch((error: unknown) => error);
    expect(isAxiosError(reset) && reset.code).toBe('ECONNRESET');
    expect((await api.get('/v1/contacts')).status).toBe(200);

    await expect.poll(() => v.tenant.journal.count({ path: '/v1/contacts' }), { timeout: 1_000, interval: 20 }).toBe(5);
    expect(v.tenant.journal.find({ path: '/v1/contacts' }).map((e) => [e.kind, e.status, e.fault, e.outcome])).toEqual([
      ['exchange', 503, 'status', 'completed'],
      ['exchange', 503, 'status', 'completed'],
      ['exchange', 429, 'rate-burst', 'completed'],
      ['connection', null, 'reset', 'reset'],
      ['exchange', 200, null, 'completed'],
    ]);
  });

  it('lets requests through once the script has run out, or starts it again with loop', async () => {
    const script = { match: { path: '/v1/contacts/:id' }, sequence: [{ fault: 'status' }, 'pass'] } satisfies RuleInput;
    v.tenant.setExtraRules([script]);
    expect(await statuses(4)).toEqual([503, 200, 200, 200]);
    v.tenant.setExtraRules([{ ...script, loop: true }]);
    expect(await statuses(4)).toEqual([503, 200, 503, 200]);
  });
});

describe('when a rule fires', () => {
  const fault = { match: { method: 'GET', path: '/v1/contacts/:id' }, fault: 'status' } satisfies RuleInput;

  it('lets the first afterN matching requests through', async () => {
    v.tenant.setExtraRules([{ ...fault, when: { afterN: 2 } }]);
    expect(await statuses(5)).toEqual([200, 200, 503, 503, 503]);
  });

  it('fires on every Nth matching request, counted after afterN', async () => {
    v.tenant.setExtraRules([{ ...fault, when: { everyNth: 3 } }]);
    expect(await statuses(6)).toEqual([200, 200, 503, 200, 200, 503]);
    v.tenant.setExtraRules([{ ...fault, when: { afterN: 1, everyNth: 2 } }]);
    expect(await statuses(5)).toEqual([200, 200, 503, 200, 503]);
  });

  it('fires at most `times` times', async () => {
    v.tenant.setExtraRules([{ ...fault, when: { times: 2 } }]);
    expect(await statuses(4)).toEqual([503, 503, 200, 200]);
  });

  it('fires only inside its time window, in vendor-clock seconds since the rules were set', async () => {
    v.tenant.setExtraRules([{ ...fault, when: { fromSeconds: 10, untilSeconds: 20 } }]);
    expect(await statuses(1)).toEqual([200]);
    v.vendor.clock.advance(10_000);
    expect(await statuses(1)).toEqual([503]);
    v.vendor.clock.advance(9_999);
    expect(await statuses(1)).toEqual([503]);
    v.vendor.clock.advance(1);
    expect(await statuses(1)).toEqual([200]);
  });

  it('matches on headers: a value, any value ("*") or absence ("")', async () => {
    const withCanary = (value: string) => statuses(1, ONE_CONTACT, { headers: { 'x-canary': value } });
    v.tenant.setExtraRules([{ ...fault, match: { ...fault.match, headers: { 'X-Canary': 'yes' } } }]);
    expect([await withCanary('yes'), await withCanary('no'), await statuses(1)].flat()).toEqual([503, 200, 200]);
    v.tenant.setExtraRules([{ ...fault, match: { ...fault.match, headers: { 'X-Canary': '*' } } }]);
    expect([await withCanary('yes'), await withCanary('no'), await statuses(1)].flat()).toEqual([503, 503, 200]);
    v.tenant.setExtraRules([{ ...fault, match: { ...fault.match, headers: { 'X-Canary': '' } } }]);
    expect([await withCanary('yes'), await withCanary('no'), await statuses(1)].flat()).toEqual([200, 200, 503]);
  });

  it('matches on the request body (bodyContains)', async () => {
    v.tenant.setExtraRules([{ match: { method: 'POST', path: '/v1/contacts', bodyContains: '"company":"Initech"' }, fault: 'status', options: { status: 500 } }]);
    const contact = { first_name: 'Peter', last_name: 'Gibbons', email: 'peter@example.com' };
    expect((await api.post('/v1/contacts', { ...contact, company: 'Initech' })).status).toBe(500);
    expect((await api.post('/v1/contacts', { ...contact, company: 'Initrode' })).status).toBe(201);
  });

  it('tries rules in order, so a request meets at most one fault', async () => {
    v.tenant.setExtraRules([{ ...fault, options: { status: 502 } }, fault]);
    expect(await statuses(2)).toEqual([502, 502]);
    expect(v.tenant.journal.find({ path: ONE_CONTACT }).map((e) => e.fault)).toEqual(['status', 'status']);
  });
});

describe('rule validation', () => {
  it('refuses an unknown fault with unknown_fault, naming the rule and the fault', () => {
    const error = compileError([{ match: { path: '/v1/**' }, fault: 'status' }, { id: 'flaky-list', match: { path: '/v1/contacts' }, fault: 'explode' }]);
    expect(error.code).toBe('unknown_fault');
    expect(error.status).toBe(400);
    expect(error.message).toContain('rule 1 ("flaky-list")');
    expect(error.message).toContain('"explode"');
    expect(error.message).toContain('rate-burst');
  });

  it('refuses an unknown fault inside a sequence', () => {
    const error = compileError([{ id: 'script', sequence: [{ fault: 'status' }, { fault: 'teleport' }] }]);
    expect(error.code).toBe('unknown_fault');
    expect(error.message).toMatch(/"script".*"teleport"/);
  });

  it('refuses bad options with invalid_rule, naming the rule, the fault and the field', () => {
    const outOfRange = compileError([{ id: 'slow', fault: 'latency', options: { latencyMs: -5 } }]);
    expect(outOfRange.code).toBe('invalid_rule');
    expect(outOfRange.message).toMatch(/"slow".*"latency".*latencyMs/);

    const unitless = compileError([{ id: 'burst', fault: 'rate-burst', options: { retryAfter: 1 } }]);
    expect(unitless.code).toBe('invalid_rule');
    expect(unitless.message).toMatch(/"burst".*"rate-burst".*retryAfter/);

    const wrongType = compileError([{ fault: 'schema-drift', options: { renames: ['email'] } }]);
    expect(wrongType.message).toMatch(/rule 0.*renames/);
  });

  it('refuses a rule with both a fault and a sequence, or mixing channels', () => {
    expect(compileError([{ fault: 'status', sequence: ['pass'] }]).code).toBe('invalid_rule');
    const mixed = compileError([{ sequence: [{ fault: 'status' }, { fault: 'webhook-duplicate' }] }]);
    expect(mixed.code).toBe('invalid_rule');
    expect(mixed.message).toMatch(/mixes request faults and webhook faults/);
  });

  it('answers 400 naming the fault when the admin API is given an unknown one, and keeps the rules it had', async () => {
    v.tenant.setExtraRules([{ ...coinFlip, id: 'kept' }]);
    const res = await v.admin.put(`/tenants/${v.tenant.id}/rules`, { rules: [{ id: 'typo', match: { path: '/v1/contacts' }, fault: 'stauts' }] });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.data.code).toBe('unknown_fault');
    expect(res.data.detail).toMatch(/"typo".*"stauts"/);
    expect((await v.admin.get(`/tenants/${v.tenant.id}`)).data.extraRules.map((r: { id: string }) => r.id)).toEqual(['kept']);
  });

  it('answers 400 naming the field when the admin API is given bad options', async () => {
    const res = await v.admin.put(`/tenants/${v.tenant.id}/rules`, { rules: [{ fault: 'truncate', options: { keepFraction: 2 } }] });
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('invalid_rule');
    expect(res.data.detail).toMatch(/"truncate".*keepFraction/);
  });

  it('lists every fault with its options schema through the admin API', async () => {
    const res = await v.admin.get('/faults');
    expect(res.status).toBe(200);
    expect(res.data.map((f: { name: string }) => f.name).sort()).toEqual([...faults.keys()].sort());
    const drip = res.data.find((f: { name: string }) => f.name === 'slow-drip');
    expect(Object.keys(drip.options.properties)).toEqual(expect.arrayContaining(['bytesPerChunk', 'intervalMs', 'maxDurationMs']));
  });
});
