import { defineScenario } from './scenario.ts';

export const chaos = defineScenario({
  name: 'chaos',
  description: 'Everything that goes wrong in production, at once and at random (seeded): slow answers, 5xx, resets, hangs, short-lived tokens, a tight rate limit.',
  seed: 7,
  settings: { tokenTtlSeconds: 120, rateLimit: { limit: 60, windowSeconds: 10 } },
  rules: [
    { id: 'slow-reads', match: { method: 'GET', path: '/v*/**' }, when: { probability: 0.1 }, fault: 'latency', options: { latencyMs: 200, jitterMs: 300 } },
    { id: 'unavailable', match: { path: '/v*/**' }, when: { probability: 0.08 }, fault: 'status', options: { status: 503, retryAfterSeconds: 1 } },
    { id: 'bad-gateway', match: { path: '/v*/**' }, when: { probability: 0.03 }, fault: 'status', options: { status: 502 } },
    { id: 'resets', match: { path: '/v*/**' }, when: { probability: 0.03 }, fault: 'reset' },
    { id: 'hangs', match: { method: 'GET', path: '/v*/**' }, when: { probability: 0.01 }, fault: 'hang', options: { maxHangMs: 30_000 } },
  ],
});
