import { defineScenario } from './scenario.ts';

const PATCH_CONTACT = { method: 'PATCH', path: '/v1/contacts/:id' };

/**
 * Lab 02: the nightly contact sync (one PATCH per changed contact) meets several separate causes
 * of failure at once. The record Acme always refuses is not a rule: its payload fails validation.
 * Rules are tried in order and the first that fires wins; probabilities come from the seeded PRNG.
 */
export const intermittentFailures = defineScenario({
  name: '02-intermittent-failures',
  description:
    'Lab 02: a nightly sync that fails now and then. Tokens die mid-run (10-minute tokens, and one dies early), bursts of other traffic empty the rate limit (429, Retry-After: 1), PATCH /v1/contacts/{id} sometimes hangs for a minute, and 503s and connection resets come and go.',
  seed: 201,
  settings: { tokenTtlSeconds: 600, rateLimit: { limit: 300, windowSeconds: 10 }, seedContacts: 60, seedDeals: 0 },
  rules: [
    { id: 'token-dies-early', match: PATCH_CONTACT, when: { afterN: 17, times: 1 }, fault: 'token-expiry' },
    { id: 'noisy-neighbour', match: PATCH_CONTACT, when: { afterN: 5, probability: 0.012 }, fault: 'rate-burst', options: { retryAfterSeconds: 1 } },
    { id: 'hangs', match: PATCH_CONTACT, when: { probability: 0.02 }, fault: 'hang', options: { maxHangMs: 60_000 } },
    { id: 'unavailable', match: { path: '/v1/**' }, when: { probability: 0.05 }, fault: 'status', options: { status: 503 } },
    { id: 'resets', match: { path: '/v1/**' }, when: { probability: 0.03 }, fault: 'reset' },
  ],
});
