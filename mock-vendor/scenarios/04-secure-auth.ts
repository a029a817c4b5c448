import { defineScenario } from './scenario.ts';

/** Lab 04: placeholder, completed with the lab. */
export const secureAuth = defineScenario({
  name: '04-secure-auth',
  description: 'Lab 04 scenario (being written).',
  seed: 401,
});
