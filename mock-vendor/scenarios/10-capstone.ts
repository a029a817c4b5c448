import { chaos } from './chaos.ts';
import { defineScenario } from './scenario.ts';

/**
 * Lab 10: the `chaos` rules as they are, plus one create in three whose answer is lost after the
 * contact was stored (a proxy's HTML 502), so a sync that repeats a create blindly makes a
 * duplicate. Rules are tried in order and the first that fires wins; probabilities come from the
 * seeded PRNG. A few more contacts than chaos, so a listing has a second page at the default size.
 */
export const capstone = defineScenario({
  name: '10-capstone',
  description:
    'Lab 10: everything from chaos (slow answers, 5xx, resets, hangs, cut-short and non-JSON bodies, bursts of 429, tokens that die early, a new contact field), and every third POST /v1/contacts is stored by Acme but answered by a proxy with an HTML 502.',
  seed: 1001,
  settings: { tokenTtlSeconds: 300, rateLimit: { limit: 300, windowSeconds: 10 }, seedContacts: 90, seedDeals: 0 },
  rules: [
    {
      id: 'lost-create-answer',
      match: { method: 'POST', path: '/v1/contacts' },
      when: { everyNth: 3 },
      fault: 'malformed',
      options: { mode: 'html', status: 502 },
    },
    ...chaos.rules,
  ],
});
