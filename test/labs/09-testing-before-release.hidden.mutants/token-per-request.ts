import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'token-per-request',
  mistake: 'asks for a new token on every call',
  hint: 'Make two calls with the same client and assert that the token endpoint was called once (expires_in is 3600 s in your handler).',
  edits: [{ find: 'expiresAt: Date.now() + (data.expires_in - 30) * 1000', replace: 'expiresAt: Date.now() + data.expires_in - 30_000' }],
});
