import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'new-key-per-attempt',
  mistake: 'sends a new Idempotency-Key on every retry',
  hint: 'Answer POST /v1/leads with 503 once, then 201, and assert that the retry carried the same Idempotency-Key as the first attempt: a new key makes a second lead.',
  edits: [
    { find: ", headers: { 'Idempotency-Key': randomUUID() } })", replace: ' })' },
    {
      find: 'config.headers.Authorization = `Bearer ${await accessToken()}`;',
      replace: "config.headers.Authorization = `Bearer ${await accessToken()}`;\n    if (config.method === 'post') config.headers['Idempotency-Key'] = randomUUID();",
    },
  ],
});
