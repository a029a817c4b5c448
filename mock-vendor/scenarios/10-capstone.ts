import { defineScenario } from './scenario.ts';

/** Lab 10: work in progress; the lab's author fills in the rules and settings. */
export const capstone = defineScenario({
  name: '10-capstone',
  description: 'Lab 10: not written yet.',
  seed: 1001,
});
