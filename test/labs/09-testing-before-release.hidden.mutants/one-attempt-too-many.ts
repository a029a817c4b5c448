import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'one-attempt-too-many',
  mistake: 'makes one attempt more than maxAttempts',
  hint: 'Keep Acme down (503 on every attempt), pass maxAttempts: 3, and assert that exactly three requests reached Acme before the call rejected.',
  edits: [{ find: 'retries: maxAttempts - 1,', replace: 'retries: maxAttempts,' }],
});
