/**
 * `npm run grade`'s exit codes beyond 0 (passed, or a batch graded), 1 (below --min-score, essentials
 * missed) and 2 (a usage error): 3 says some lab or candidate went without a verdict for a reason
 * outside the code under test (the grader or vendor failed, the time bound passed, a container did not
 * start). Running it again is the remedy, and a scheduler may do that (deploy/kubernetes/).
 */
export const EXIT_NOT_GRADED = 3;
