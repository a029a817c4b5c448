import { defineScenario } from './scenario.ts';

/** Lab 03: work in progress; the lab's author fills in the rules and settings. */
export const unclearDocs = defineScenario({
  name: '03-unclear-docs',
  description: 'Lab 03: not written yet.',
  seed: 301,
});
