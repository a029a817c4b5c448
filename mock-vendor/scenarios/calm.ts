import { defineScenario } from './scenario.ts';

export const calm = defineScenario({
  name: 'calm',
  description: 'A well-behaved vendor: no faults, hour-long tokens, generous rate limit. Start here.',
  rules: [],
});
