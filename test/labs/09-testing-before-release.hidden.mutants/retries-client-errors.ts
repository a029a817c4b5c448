import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'retries-client-errors',
  mistake: 'retries requests Acme refused with a 4xx',
  hint: 'Answer createLead() with 422 validation_failed and assert that exactly one request reached Acme: a refusal does not get better by asking again.',
  edits: [{ find: 'error.response.status >= 500', replace: 'error.response.status >= 400' }],
});
