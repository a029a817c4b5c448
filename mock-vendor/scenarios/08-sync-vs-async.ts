import { defineScenario } from './scenario.ts';

const POST_LEADS = { method: 'POST', path: '/v1/leads' };

/**
 * Lab 08: a vendor too slow and unreliable to keep a salesperson waiting. Creating a lead hangs
 * now and then, fails with 503s and resets, or loses its answer after the lead was created (a
 * truncated body); imports run at 10 rows per vendor second; webhooks arrive twice or late.
 * Graded checks add their own rules in front of these.
 */
export const syncVsAsync = defineScenario({
  name: '08-sync-vs-async',
  description:
    'Lab 08: POST /v1/leads sometimes hangs for 8 s, answers 503, resets the connection or loses its answer after creating the lead; imports process 10 rows per second (poll with Retry-After: 1; a poll sometimes answers 503 with Retry-After: 2); webhook events are sometimes delivered twice or held back 5 s.',
  seed: 801,
  settings: { seedContacts: 12, seedDeals: 0, importRecordsPerSecond: 10, webhookRetrySeconds: [1, 5, 30] },
  rules: [
    { id: 'slow-vendor', match: POST_LEADS, when: { probability: 0.15 }, fault: 'hang', options: { maxHangMs: 8_000 } },
    { id: 'unavailable', match: POST_LEADS, when: { probability: 0.1 }, fault: 'status', options: { status: 503 } },
    { id: 'resets', match: POST_LEADS, when: { probability: 0.05 }, fault: 'reset' },
    { id: 'lost-answer', match: POST_LEADS, when: { probability: 0.05 }, fault: 'truncate' },
    { id: 'poll-blip', match: { method: 'GET', path: '/v1/jobs/:id' }, when: { probability: 0.1 }, fault: 'status', options: { status: 503, retryAfterSeconds: 2 } },
    { id: 'at-least-once', match: { event: 'contact.updated' }, when: { probability: 0.2 }, fault: 'webhook-duplicate' },
    { id: 'late-delivery', match: { event: 'contact.updated' }, when: { probability: 0.1 }, fault: 'webhook-out-of-order', options: { holdSeconds: 5 } },
  ],
});
