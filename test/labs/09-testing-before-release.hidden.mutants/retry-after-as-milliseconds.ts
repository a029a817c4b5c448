import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'retry-after-as-milliseconds',
  mistake: 'reads Retry-After as milliseconds',
  hint: 'Answer 429 with "Retry-After: 2" once, then 200; with fake timers, assert that the retry waits the full 2 s, not 2 ms.',
  edits: [{ find: 'Math.max(retryAfter(error), baseDelayMs', replace: "Math.max(Number(error.response?.headers['retry-after'] ?? 0), baseDelayMs" }],
});
