import { defineScenario } from './scenario.ts';

const CONTACT = { method: 'GET', path: '/v1/contacts/:id' };

/**
 * Lab 09: production Acme, for watching the given client by hand (labs/09-testing-before-release/try-client.ts)
 * meet every failure its test suite must reproduce with msw. Grading never calls the vendor: the
 * learner's suite runs offline.
 */
export const testingBeforeRelease = defineScenario({
  name: '09-testing-before-release',
  description:
    'Lab 09: what the sandbox never shows. GET /v1/contacts/{id} now and then answers 503, hits a 429 burst (Retry-After: 1), hangs for 10 s or finds its token expired; POST /v1/leads sometimes answers 503. 10-minute tokens, 40 contacts.',
  seed: 901,
  settings: { tokenTtlSeconds: 600, seedContacts: 40, seedDeals: 0 },
  rules: [
    { id: 'token-dies-early', match: CONTACT, when: { afterN: 6, times: 1 }, fault: 'token-expiry' },
    { id: 'noisy-neighbour', match: CONTACT, when: { afterN: 3, probability: 0.08 }, fault: 'rate-burst', options: { retryAfterSeconds: 1 } },
    { id: 'hangs', match: CONTACT, when: { probability: 0.05 }, fault: 'hang', options: { maxHangMs: 10_000 } },
    { id: 'unavailable', match: { path: '/v1/**' }, when: { probability: 0.12 }, fault: 'status', options: { status: 503 } },
  ],
});
