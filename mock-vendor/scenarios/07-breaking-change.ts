import { defineScenario } from './scenario.ts';

/** Lab 07: work in progress; the lab's author fills in the rules and settings. */
export const breakingChange = defineScenario({
  name: '07-breaking-change',
  description: 'Lab 07: not written yet.',
  seed: 701,
});
