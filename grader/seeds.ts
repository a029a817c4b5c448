import { builtInScenarios } from '../mock-vendor/scenarios/index.ts';

/** The seed a lab's checks run with when none is given: its scenario's own. */
export function defaultSeed(scenario: string): number | null {
  return builtInScenarios.find((s) => s.name === scenario)?.seed ?? null;
}
