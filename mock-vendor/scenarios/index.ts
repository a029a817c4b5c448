import { firstIntegration } from './01-first-integration.ts';
import { intermittentFailures } from './02-intermittent-failures.ts';
import { unclearDocs } from './03-unclear-docs.ts';
import { secureAuth } from './04-secure-auth.ts';
import { leanRelease } from './05-lean-release.ts';
import { dataMapping } from './06-data-mapping.ts';
import { breakingChange } from './07-breaking-change.ts';
import { syncVsAsync } from './08-sync-vs-async.ts';
import { testingBeforeRelease } from './09-testing-before-release.ts';
import { capstone } from './10-capstone.ts';
import { calm } from './calm.ts';
import { chaos } from './chaos.ts';
import type { Scenario } from './scenario.ts';

/** Scenarios selectable by name through the admin API and `npm start -- --scenario NAME`. */
export const builtInScenarios: readonly Scenario[] = [
  calm,
  chaos,
  firstIntegration,
  intermittentFailures,
  unclearDocs,
  secureAuth,
  leanRelease,
  dataMapping,
  breakingChange,
  syncVsAsync,
  testingBeforeRelease,
  capstone,
];
