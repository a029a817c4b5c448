import { defineScenario } from './scenario.ts';

/** Lab 06: the mapping works on export rows the checks hand over, so the vendor only needs to be calm. */
export const dataMapping = defineScenario({
  name: '06-data-mapping',
  description: 'Lab 06: no faults. The lab maps rows from an Acme export (fixtures in the lab folder); the API is there to compare with /docs.',
  seed: 601,
});
