import { defineScenario } from './scenario.ts';

/** Lab 08: work in progress; the lab's author fills in the rules and settings. */
export const syncVsAsync = defineScenario({
  name: '08-sync-vs-async',
  description: 'Lab 08: not written yet.',
  seed: 801,
});
