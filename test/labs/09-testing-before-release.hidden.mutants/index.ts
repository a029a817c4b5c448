import type { Mutant } from '../support/lab-09/mutant.ts';
import createdFromUpdatedAt from './created-from-updated-at.ts';
import dropsProblemCode from './drops-problem-code.ts';
import keepsEmptyCompany from './keeps-empty-company.ts';
import logsTheToken from './logs-the-token.ts';
import newKeyPerAttempt from './new-key-per-attempt.ts';
import noTokenRefresh from './no-token-refresh.ts';
import oneAttemptTooMany from './one-attempt-too-many.ts';
import retriesClientErrors from './retries-client-errors.ts';
import retriesPostWithoutKey from './retries-post-without-key.ts';
import retryAfterAsMilliseconds from './retry-after-as-milliseconds.ts';
import skipsInputValidation from './skips-input-validation.ts';
import tokenPerRequest from './token-per-request.ts';

/** Mutants for the hidden checks: left out of take-home bundles, so a suite cannot be aimed at them. */
export const hiddenMutants: readonly Mutant[] = [
  oneAttemptTooMany,
  retryAfterAsMilliseconds,
  retriesClientErrors,
  retriesPostWithoutKey,
  newKeyPerAttempt,
  noTokenRefresh,
  tokenPerRequest,
  logsTheToken,
  createdFromUpdatedAt,
  keepsEmptyCompany,
  dropsProblemCode,
  skipsInputValidation,
];
