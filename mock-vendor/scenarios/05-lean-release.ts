import { defineScenario } from './scenario.ts';

/** Lab 05: work in progress; the lab's author fills in the rules and settings. */
export const leanRelease = defineScenario({
  name: '05-lean-release',
  description: 'Lab 05: not written yet.',
  seed: 501,
});
