import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'ignores-retry-after',
  mistake: 'ignores Retry-After on a 429',
  hint: 'Answer 429 with "Retry-After: 2" once, then 200. With fake timers (vi.useFakeTimers, vi.advanceTimersByTimeAsync), assert that no second request arrives before 2 s have passed and that one does after.',
  edits: [{ find: 'Math.max(retryAfter(error), baseDelayMs', replace: 'Math.max(0, baseDelayMs' }],
});
