import { defineScenario } from './scenario.ts';

const EVERYTHING = { path: '/**' };

/**
 * Lab 05: a healthy vendor that goes down completely twice, measured on the vendor clock from the
 * moment the tenant starts: first every request gets a 503, later every connection is reset.
 * Token requests are down too. Graded checks reach the windows by advancing the clock.
 */
export const leanRelease = defineScenario({
  name: '05-lean-release',
  description:
    'Lab 05: Acme CRM is healthy, then fully down from minute 5 to minute 15 (every request, token requests included, gets 503), healthy again, then down from minute 25 to minute 30 (every connection reset), then healthy.',
  seed: 501,
  settings: { tokenTtlSeconds: 3_600, seedContacts: 60, seedDeals: 0 },
  rules: [
    { id: 'first-outage', match: EVERYTHING, when: { fromSeconds: 300, untilSeconds: 900 }, fault: 'status', options: { status: 503 } },
    { id: 'second-outage', match: EVERYTHING, when: { fromSeconds: 1_500, untilSeconds: 1_800 }, fault: 'reset' },
  ],
});
