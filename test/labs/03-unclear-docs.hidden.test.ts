import type { Lab03 } from '../../labs/03-unclear-docs/contract.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { clientFor, clientTrouble, describeError, findingFor, judgeFinding, REAL_GAPS, runProbes, within } from './support/lab-03.ts';

const lab = gradedLab<Lab03>('03-unclear-docs');

lab.check('keeps reading every page when the token expires in the middle', 6, async (t) => {
  await t.acme.setRules([{ match: { method: 'GET', path: '/v1/contacts' }, when: { afterN: 1, times: 1 }, fault: 'token-expiry' }]);
  const result = await within(() => clientFor(t).listAllContacts(), 10_000);
  const journal = await t.acme.journal();
  ensure(
    result.ok && result.value !== 'still running',
    () => `The token expired while listAllContacts() was on page 2, and it failed: ${describeError(result.ok ? 'still running after 10 s' : result.error)}.${clientTrouble(journal)} Get a new token and ask for the same page again.`,
  );
  const ids = new Set(result.value.map((c) => c.id));
  const held = (await t.acme.data('contacts')).length;
  ensure(
    ids.size === held && result.value.length === ids.size,
    () => `With the token expiring on page 2, listAllContacts() returned ${plural(result.value.length, 'contact')} (${ids.size} different) of ${held}.${clientTrouble(journal)} Retry the refused page itself after the new token, neither skipping nor repeating it.`,
  );
}, { task: 4 });

lab.check('stops after one new token when Acme keeps refusing, and says why', 4, async (t) => {
  await t.acme.setRules([{ match: { method: 'POST', path: '/v1/leads' }, fault: 'token-expiry' }]);
  const result = await within(() => clientFor(t).createLead({ email: 'mary.jackson@example.com', source: 'lab-03' }), 10_000);
  const journal = await t.acme.journal();
  const posts = journal.apiRequests({ method: 'POST', path: '/v1/leads' }).length;
  const tokens = journal.tokenRequests().length;
  ensure(!(result.ok && result.value === 'still running'), `createLead() was still running after 10 s, with ${plural(posts, 'POST')} and ${plural(tokens, 'token request')}. A new token that is refused too will not be saved by a third: stop.`);
  ensure(posts > 0, () => `createLead() sent no POST /v1/leads: ${describeError(result.ok ? 'it resolved' : result.error)}.`);
  ensure(!result.ok, 'Acme refused every POST /v1/leads as expired, yet createLead() resolved. Reject when the vendor refuses.');
  ensure(posts <= 2 && tokens <= 2, `Acme refused every POST as expired; the client sent ${plural(posts, 'POST')} and made ${plural(tokens, 'token request')}. Get one new token and retry once; if that is refused too, throw.`);
  const error = result.error as { status?: unknown; code?: unknown };
  ensure(
    error?.status === 403 && error.code === 'session_expired',
    `The error createLead() threw has status ${JSON.stringify(error?.status)} and code ${JSON.stringify(error?.code)}; Acme answered 403 session_expired. Carry the vendor's status and code on the error, so whoever reads it knows what happened.`,
  );
}, { task: 4 });

lab.check('probes only read: they create and change nothing', 4, async (t) => {
  const leadsBefore = (await t.acme.data('leads')).length;
  const findings = await runProbes(t);
  const journal = await t.acme.journal();
  ensure(journal.apiRequests().length > 0, `findGaps() sent no API request (and reported ${plural(findings.findings.length, 'finding')}), so there is nothing to judge. Probes find things out by sending requests.`);
  const writes = journal.apiRequests().filter((e) => !['GET', 'HEAD', 'OPTIONS'].includes(e.method));
  const leadsAfter = (await t.acme.data('leads')).length;
  ensure(
    writes.length === 0 && leadsAfter === leadsBefore,
    `Your probes sent ${plural(writes.length, 'write')} (${[...new Set(writes.map((e) => `${e.method} ${e.path}`))].slice(0, 3).join(', ')}). Probes run against real tenants: find the gaps with reads, so running them never leaves a lead behind.`,
  );
}, { task: 2 });

lab.check('finds the gaps again when run against another tenant', 4, async (t) => {
  await runProbes(t);
  const other = await t.newTenant({ seed: t.seed + 7 });
  const findings = await runProbes(t, other);
  for (const gap of REAL_GAPS) await judgeFinding(other, findingFor(findings, gap, 'findGaps() on a second tenant'));
}, { task: 2 });
