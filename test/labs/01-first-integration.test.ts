import type { AcmeContact, Lab01 } from '../../labs/01-first-integration/contract.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { findLeaks, scanSourceForSecrets } from '../harness/leaks.ts';
import { clientFor, describeError, expectedCustomer, settle } from './support/lab-01.ts';

const lab = gradedLab<Lab01>('01-first-integration');

lab.check('loads and exports createAcmeClient and toCustomer', 2, () => {}, { task: 1, baseline: true });

lab.check('reads every contact across all pages', 10, async (t) => {
  const result = await settle(clientFor(t).listAllContacts());
  ensure(result.ok, () => `listAllContacts() failed: ${describeError(!result.ok && result.error)}`);
  const expected = (await t.acme.data('contacts')).map((c) => c.id);
  const got = result.value.map((c) => c.id);
  const pages = (await t.acme.journal()).apiRequests({ method: 'GET', path: '/v1/contacts' }).length;
  ensure(
    got.length === expected.length,
    `listAllContacts() returned ${plural(got.length, 'contact')}; the vendor holds ${expected.length}. It made ${plural(pages, 'page request')}: follow next_cursor until it is null.`,
  );
  const missing = expected.filter((id) => !got.includes(id));
  ensure(missing.length === 0, `Some contacts were skipped or duplicated (missing ${missing.slice(0, 3).join(', ')}…). Pass next_cursor back unchanged as cursor.`);
}, { task: 2 });

lab.check('gets one token and reuses it for every call', 8, async (t) => {
  const client = clientFor(t);
  await client.listAllContacts();
  await Promise.all(['ct_000001', 'ct_000002', 'ct_000003'].map((id) => client.getContact(id)));
  await client.getContact('ct_000004');
  const journal = await t.acme.journal();
  const tokenRequests = journal.tokenRequests().length;
  const apiCalls = journal.apiRequests().length;
  const { tokenTtlSeconds } = await t.acme.settings();
  ensure(
    tokenRequests === 1,
    `${plural(apiCalls, 'API call')} used ${plural(tokenRequests, 'token request')}. A token lasts ${tokenTtlSeconds} s (expires_in): get one, keep it, and reuse it until it is about to expire.`,
  );
}, { task: 6 });

lab.check('gives up on a hanging request within its timeout', 8, async (t) => {
  await t.acme.setRules([{ match: { method: 'GET', path: '/v1/contacts/:id' }, fault: 'hang', options: { maxHangMs: 10_000 } }]);
  const result = await settle(Promise.race([clientFor(t, { VENDOR_TIMEOUT_MS: '500' }).getContact('ct_000001'), new Promise((r) => setTimeout(r, 5_000, 'still waiting'))]));
  ensure(!(result.ok && result.value === 'still waiting'), 'getContact() was still waiting after 5 s on a vendor that never answers, with VENDOR_TIMEOUT_MS=500. Give every request a timeout (axios: `timeout`).');
  ensure(!result.ok, 'getContact() resolved although the vendor never answered. It should reject when the timeout passes.');
  const reachedVendor = await t.acme.journalWhen((journal) => journal.apiRequests({ path: '/v1/contacts/ct_000001' }).length > 0);
  ensure(reachedVendor, `getContact() failed without calling the vendor (${describeError(result.error)}). Send GET /v1/contacts/{id}; the check needs a request to time out.`);
  ensure(result.ms < 2_500, `getContact() gave up after ${Math.round(result.ms)} ms; with VENDOR_TIMEOUT_MS=500 it should give up after about 500 ms. Read the timeout from the environment.`);
}, { task: 7 });

lab.check('surfaces a vendor error with its code and request id', 8, async (t) => {
  const result = await settle(clientFor(t).getContact('ct_999999'));
  ensure(!result.ok, 'getContact("ct_999999") resolved, but that contact does not exist: the vendor answered 404. Throw instead of returning nothing.');
  const entry = (await t.acme.journal()).apiRequests({ path: '/v1/contacts/ct_999999' }).at(-1);
  const error = result.error as { status?: unknown; code?: unknown; requestId?: unknown };
  ensure(error?.status === 404, `The error you threw has status ${JSON.stringify(error?.status)}; the vendor answered 404. Put the HTTP status on the error as \`status\`.`);
  ensure(error.code === 'not_found', `The error you threw has code ${JSON.stringify(error.code)}; the vendor's problem said "not_found". Copy the problem's \`code\` onto the error.`);
  ensure(
    error.requestId === entry?.requestId,
    `The error you threw has requestId ${JSON.stringify(error.requestId)}; the vendor's request id was "${entry?.requestId}". Support needs it: take it from the X-Request-Id header or the problem's request_id.`,
  );
}, { task: 4 });

lab.check('creates a lead once, with an Idempotency-Key', 8, async (t) => {
  const result = await settle(clientFor(t).createLead({ email: 'grace.hopper@example.com', name: 'Grace Hopper', source: 'lab-01' }));
  ensure(result.ok, () => `createLead() failed: ${describeError(!result.ok && result.error)}`);
  const posts = (await t.acme.journal()).apiRequests({ method: 'POST', path: '/v1/leads' });
  ensure(posts.length === 1, `createLead() sent ${plural(posts.length, 'POST /v1/leads request')}; one is enough when nothing fails.`);
  ensure(posts[0]!.idempotencyKey, 'The POST /v1/leads request had no Idempotency-Key header. Without it, a retry after a lost response creates a second lead. Send a fresh unique key (a UUID) per lead.');
  const leads = await t.acme.data('leads');
  ensure(result.value.id && leads.some((lead) => lead.id === result.value.id), `createLead() returned ${JSON.stringify(result.value)}; return the lead the vendor created (with its id).`);
}, { task: 3 });

lab.check('maps contacts to customer records as the table says', 10, async (t) => {
  const contacts = (await t.acme.data('contacts')) as unknown as AcmeContact[];
  for (const contact of contacts) {
    const expected = expectedCustomer(contact);
    let got: unknown;
    try {
      got = t.lab.toCustomer(contact);
    } catch (error) {
      ensure(false, `toCustomer() threw for ${JSON.stringify(contact)}: ${describeError(error)}`);
    }
    for (const [field, value] of Object.entries(expected)) {
      const actual = (got as Record<string, unknown>)[field];
      ensure(
        JSON.stringify(actual) === JSON.stringify(value),
        `toCustomer() gave ${field} = ${JSON.stringify(actual)} for contact ${JSON.stringify(contact)}; the mapping table says ${JSON.stringify(value)}.`,
      );
    }
  }
}, { task: 5 });

lab.check('takes its configuration only from the environment', 6, async (t) => {
  const other = await t.newTenant();
  const contacts = await settle(t.lab.createAcmeClient({ env: other.env, logger: t.platform.logger }).listAllContacts());
  ensure(contacts.ok, () => `With another tenant's credentials in the environment, listAllContacts() failed: ${describeError(!contacts.ok && contacts.error)}. Read the base URL, client id and secret from env, nothing hard-coded.`);
  ensure((await other.acme.journal()).apiRequests().length > 0, 'The client did not call the vendor with the credentials given in the environment.');
  const { VENDOR_CLIENT_SECRET: _omitted, ...incomplete } = t.env;
  const missing = await settle(Promise.resolve().then(() => t.lab.createAcmeClient({ env: incomplete, logger: t.platform.logger }).listAllContacts()));
  ensure(!missing.ok, 'With VENDOR_CLIENT_SECRET unset, the client still ran. Where did it get a secret from? Fail fast instead.');
  ensure(
    describeError(missing.error).includes('VENDOR_CLIENT_SECRET'),
    `With VENDOR_CLIENT_SECRET unset, the error was "${describeError(missing.error)}". Name the missing variable, so whoever deploys this knows what to set.`,
  );
}, { task: 1 });

lab.check('keeps secrets and tokens out of its logs and errors', 6, async (t) => {
  const client = clientFor(t);
  const listed = await settle(client.listAllContacts());
  ensure(listed.ok, () => `listAllContacts() failed, so there was nothing to judge: ${describeError(!listed.ok && listed.error)}`);
  const failed = await settle(client.getContact('ct_999999'));
  const thrown = failed.ok ? '' : `${describeError(failed.error)} ${JSON.stringify(failed.error)} ${(failed.error as Error)?.stack ?? ''}`;
  const leaks = findLeaks([...t.logsWritten(), { where: 'the error your code threw', text: thrown }], { clientId: t.clientId, clientSecret: t.clientSecret });
  ensure(
    leaks.length === 0,
    () => `Found ${leaks.map((l) => `${l.what} in ${l.where}`).join('; ')}. Logs and errors end up in tickets and dashboards: log the request id and the problem code, never credentials or Authorization headers.`,
  );
}, { task: 8 });

lab.check(
  'keeps credentials out of its source code',
  4,
  (t) => {
    const leaks = scanSourceForSecrets(t.sourcePath);
    ensure(leaks.length === 0, () => `Found ${leaks.map((l) => `${l.what} at ${l.where}`).join('; ')}. Read credentials from the environment; never write them into code.`);
  },
  { task: 1, baseline: true },
);
