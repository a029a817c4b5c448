import { defineMutant } from '../support/lab-09/mutant.ts';

export default defineMutant({
  id: 'retries-post-without-key',
  mistake: 'retries a POST without an Idempotency-Key',
  hint: "Answer POST /v1/leads with 503 once, then 201, and assert that both requests carried an Idempotency-Key header (request.headers.get('idempotency-key')).",
  edits: [
    { find: ", headers: { 'Idempotency-Key': randomUUID() } })", replace: ' })' },
    { find: "config?.method === 'get' || Boolean(config?.headers?.['Idempotency-Key'])", replace: "config?.method === 'get' || config?.method === 'post'" },
  ],
});
