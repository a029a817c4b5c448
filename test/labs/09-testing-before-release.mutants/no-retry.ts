import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'no-retry',
  mistake: 'never retries a 503',
  hint: 'Answer 503 once and then 200 (count the calls in the handler), and assert that getContact() returns the contact and that Acme saw two requests.',
  edits: [{ find: 'retries: maxAttempts - 1,', replace: 'retries: 0,' }],
});
