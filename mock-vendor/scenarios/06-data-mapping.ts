import { defineScenario } from './scenario.ts';

/** Lab 06: placeholder, completed with the lab. */
export const dataMapping = defineScenario({
  name: '06-data-mapping',
  description: 'Lab 06 scenario (being written).',
  seed: 601,
});
