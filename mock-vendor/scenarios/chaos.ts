import { defineScenario } from './scenario.ts';

/**
 * Rules are tried in order and the first that fires wins, so a request meets at most one fault;
 * the probabilities are drawn from the tenant's seeded PRNG, so one seed always replays one run.
 */
export const chaos = defineScenario({
  name: 'chaos',
  description:
    'Everything that goes wrong in production, at once and at random (seeded): slow answers, 5xx, resets, hangs, cut-short and non-JSON bodies, bursts of 429, tokens that die early, fields that change, duplicate and late webhooks, short-lived tokens, a tight rate limit.',
  seed: 7,
  settings: { tokenTtlSeconds: 120, rateLimit: { limit: 60, windowSeconds: 10 } },
  rules: [
    { id: 'slow-reads', match: { method: 'GET', path: '/v*/**' }, when: { probability: 0.1 }, fault: 'latency', options: { latencyMs: 200, jitterMs: 300 } },
    { id: 'unavailable', match: { path: '/v*/**' }, when: { probability: 0.08 }, fault: 'status', options: { status: 503, retryAfterSeconds: 1 } },
    { id: 'bad-gateway', match: { path: '/v*/**' }, when: { probability: 0.03 }, fault: 'status', options: { status: 502 } },
    { id: 'resets', match: { path: '/v*/**' }, when: { probability: 0.03 }, fault: 'reset' },
    { id: 'hangs', match: { method: 'GET', path: '/v*/**' }, when: { probability: 0.01 }, fault: 'hang', options: { maxHangMs: 30_000 } },
    { id: 'noisy-neighbour', match: { path: '/v*/**' }, when: { probability: 0.01 }, fault: 'rate-burst', options: { retryAfterSeconds: 1 } },
    { id: 'token-dies-early', match: { path: '/v*/**' }, when: { probability: 0.01 }, fault: 'token-expiry' },
    { id: 'cut-short', match: { method: 'GET', path: '/v*/**' }, when: { probability: 0.02 }, fault: 'truncate', options: { keepFraction: 0.5 } },
    { id: 'proxy-error-page', match: { path: '/v*/**' }, when: { probability: 0.01 }, fault: 'malformed', options: { mode: 'html', status: 502 } },
    { id: 'amounts-as-strings', match: { method: 'GET', path: '/v1/deals**' }, when: { probability: 0.02 }, fault: 'schema-drift', options: { stringify: ['amount'] } },
    { id: 'new-contact-field', match: { method: 'GET', path: '/v*/contacts**' }, when: { probability: 0.03 }, fault: 'schema-drift', options: { add: { lifecycle_stage: 'lead' } } },
    { id: 'duplicate-webhooks', match: {}, when: { probability: 0.1 }, fault: 'webhook-duplicate', options: { extraCopies: 1 } },
    { id: 'late-webhooks', match: {}, when: { probability: 0.05 }, fault: 'webhook-out-of-order', options: { holdSeconds: 5 } },
  ],
});
