import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'treats-failures-as-not-found',
  mistake: 'swallows a failure and reports "not found"',
  hint: 'Make Acme stay down (503 on every attempt, or HttpResponse.error()) and assert that getContact() rejects with an AcmeError carrying the status and code, instead of resolving to null.',
  edits: [{ find: 'if (error instanceof AcmeError && error.status === 404) return null;', replace: 'if (error instanceof AcmeError) return null;' }],
});
