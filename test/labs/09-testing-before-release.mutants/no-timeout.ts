import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'no-timeout',
  mistake: 'waits forever for a vendor that never answers',
  hint: "Make the handler never answer (await delay('infinite')), give the client a short timeoutMs, and assert that the call rejects with code \"timeout\". Bound the test itself ({ timeout: 2000 }) so a hanging client fails it quickly.",
  edits: [{ find: 'const http = { baseURL: baseUrl, timeout: timeoutMs };', replace: 'const http = { baseURL: baseUrl };' }],
});
