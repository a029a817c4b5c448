import type { Mutant } from '../support/lab-09/mutant.ts';
import ignoresRetryAfter from './ignores-retry-after.ts';
import noRetry from './no-retry.ts';
import noTimeout from './no-timeout.ts';
import treatsFailuresAsNotFound from './treats-failures-as-not-found.ts';

/** The mutants the visible checks use; the hidden checks have their own, which learners never see. */
export const visibleMutants: readonly Mutant[] = [noRetry, ignoresRetryAfter, noTimeout, treatsFailuresAsNotFound];
