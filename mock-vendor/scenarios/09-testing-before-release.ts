import { defineScenario } from './scenario.ts';

/** Lab 09: work in progress; the lab's author fills in the rules and settings. */
export const testingBeforeRelease = defineScenario({
  name: '09-testing-before-release',
  description: 'Lab 09: not written yet.',
  seed: 901,
});
