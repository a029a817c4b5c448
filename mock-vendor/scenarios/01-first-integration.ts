import { defineScenario } from './scenario.ts';

/** Lab 01: a calm vendor with enough contacts to need pagination and tokens that expire in a session. */
export const firstIntegration = defineScenario({
  name: '01-first-integration',
  description: 'Lab 01: no faults by default; 137 contacts (several pages), 5-minute tokens. Checks add a hang or an expiry where they need one.',
  seed: 101,
  settings: { tokenTtlSeconds: 300, seedContacts: 137, seedDeals: 10 },
});
