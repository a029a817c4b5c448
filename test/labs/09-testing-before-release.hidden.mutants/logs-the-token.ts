import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'logs-the-token',
  mistake: 'writes the bearer token to its logs',
  hint: 'Give the client a recording logger ({ warn: vi.fn(), error: vi.fn() }), make a call retry and fail, and assert that nothing it logged contains the token (JSON.stringify the mock calls).',
  edits: [{ find: 'attempt: retry + 1, ...failureOf(error) }', replace: 'attempt: retry + 1, headers: config.headers, ...failureOf(error) }' }],
});
