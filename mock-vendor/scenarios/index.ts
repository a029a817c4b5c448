import { firstIntegration } from './01-first-integration.ts';
import { calm } from './calm.ts';
import { chaos } from './chaos.ts';
import type { Scenario } from './scenario.ts';

/** Scenarios selectable by name through the admin API and `npm start -- --scenario NAME`. */
export const builtInScenarios: readonly Scenario[] = [calm, chaos, firstIntegration];
