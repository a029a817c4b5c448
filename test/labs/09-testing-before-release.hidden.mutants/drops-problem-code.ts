import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'drops-problem-code',
  mistake: "loses Acme's problem code",
  hint: 'Answer 422 with a problem+json body (code "validation_failed", an X-Request-Id header) and assert the AcmeError\'s status, code and requestId with toMatchObject.',
  edits: [{ find: "code: typeof problem?.code === 'string' ? problem.code : `http_${error.response.status}`,", replace: 'code: `http_${error.response.status}`,' }],
});
