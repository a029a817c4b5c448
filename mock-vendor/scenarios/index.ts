import { firstIntegration } from './01-first-integration.ts';
import { intermittentFailures } from './02-intermittent-failures.ts';
import { secureAuth } from './04-secure-auth.ts';
import { dataMapping } from './06-data-mapping.ts';
import { calm } from './calm.ts';
import { chaos } from './chaos.ts';
import type { Scenario } from './scenario.ts';

/** Scenarios selectable by name through the admin API and `npm start -- --scenario NAME`. */
export const builtInScenarios: readonly Scenario[] = [calm, chaos, firstIntegration, intermittentFailures, secureAuth, dataMapping];
