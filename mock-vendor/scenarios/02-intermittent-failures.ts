import { defineScenario } from './scenario.ts';

/** Lab 02: placeholder, completed with the lab. */
export const intermittentFailures = defineScenario({
  name: '02-intermittent-failures',
  description: 'Lab 02 scenario (being written).',
  seed: 201,
});
