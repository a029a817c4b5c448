import { defineScenario } from './scenario.ts';

/**
 * Lab 04: a calm vendor with five-minute tokens. The checks move the vendor's clock across several
 * token lifetimes, revoke tokens, rotate the client secret and refuse it; the client under test
 * reads time from the same clock.
 */
export const secureAuth = defineScenario({
  name: '04-secure-auth',
  description:
    'Lab 04: no faults by default; 5-minute tokens, 30 contacts. Checks advance the clock across several token lifetimes, revoke tokens, rotate the secret (with and without a grace period) and make the token endpoint fail.',
  seed: 401,
  settings: { tokenTtlSeconds: 300, seedContacts: 30, seedDeals: 5 },
});
