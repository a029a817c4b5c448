/**
 * Your test suite for the given client (../client.ts). The grader runs it against that client,
 * where every test must pass, and against copies of it with one bug each, where at least one test
 * should fail. Run it with: npx vitest run --root labs/09-testing-before-release/src
 *
 * Rules of the game: no real network (msw answers every request; an unexpected request is an
 * error), no real waiting for Retry-After (use fake timers), and assertions on behaviour: what was
 * returned or thrown, what Acme received (count the requests, read their headers), what was logged.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createAcmeClient } from '../client.ts';

const ACME = 'https://acme.test';

const server = setupServer(
  http.post(`${ACME}/oauth/token`, () => HttpResponse.json({ access_token: 'test-token', token_type: 'Bearer', expires_in: 3600 })),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function newClient() {
  const logger = { warn: vi.fn(), error: vi.fn() };
  return createAcmeClient({ baseUrl: ACME, clientId: 'test-client', clientSecret: 'test-secret', logger });
}

it('gets a contact', async () => {
  server.use(
    http.get(`${ACME}/v1/contacts/ct_1`, () =>
      HttpResponse.json({ id: 'ct_1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', company: 'Analytical Engines', created_at: '2024-03-01T10:00:00Z', updated_at: '2025-01-05T09:00:00Z' }),
    ),
  );
  const contact = await newClient().getContact('ct_1');
  // TODO: this passes for a client that maps every field but the id wrong. Assert the whole contact.
  expect(contact?.id).toBe('ct_1');
});

// TODO: one test per behaviour the README lists. Each should fail if the client stopped doing it:
// a contact Acme does not have; an invalid lead; creating a lead (its Idempotency-Key);
// an expired token; a timeout; a 429 with Retry-After; a 503 then recovery; Acme staying down;
// Acme refusing a request (4xx); what the client logs.
