import type { Lab03 } from '../../labs/03-unclear-docs/contract.ts';
import { CheckFailure, ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import {
  clientFor,
  clientTrouble,
  deliveredFindings,
  describeError,
  findingFor,
  judgeFinding,
  NOT_REAL_GAPS,
  outliveTokens,
  pagingWhenStuck,
  REAL_GAPS,
  runProbes,
  STUCK_PAGING,
  within,
} from './support/lab-03.ts';

const lab = gradedLab<Lab03>('03-unclear-docs');

lab.check('loads and exports createAcmeClient, findGaps and loadFindings', 2, () => {}, { task: [2, 3, 4], baseline: true });

lab.check('reads every contact across all pages, whatever the docs call the paging parameter', 12, async (t) => {
  const result = await within(() => clientFor(t).listAllContacts(), 10_000);
  const journal = await t.acme.journal();
  ensure(result.ok, () => `listAllContacts() failed: ${describeError(!result.ok && result.error)}.${clientTrouble(journal)}`);
  const pages = journal.apiRequests({ method: 'GET', path: '/v1/contacts' }).length;
  ensure(result.value !== 'still running', () => `listAllContacts() was still running after 10 s and ${plural(pages, 'page request')}.${clientTrouble(journal)} Stop when paging does not advance.`);
  const expected = (await t.acme.data('contacts')).map((c) => c.id);
  const got = result.value.map((c) => c.id);
  const distinct = new Set(got);
  ensure(
    got.length === expected.length && distinct.size === expected.length && expected.every((id) => distinct.has(id)),
    () => `listAllContacts() returned ${plural(got.length, 'contact')} (${plural(distinct.size, 'different one')}); Acme holds ${expected.length}. It made ${plural(pages, 'page request')}.${clientTrouble(journal)}`,
  );
}, { task: 4 });

/** Page requests a loop guard may take to notice a page it has seen: the first page, the stuck one, and a few repeats. */
const MAX_PAGE_REQUESTS_WHEN_STUCK = 6;
lab.check('stops loudly when Acme keeps sending the same page', 4, async (t) => {
  const result = await within(() => clientFor(t).listAllContacts(), 10_000);
  const journal = await t.acme.journal();
  const { requests, answered, firstStuck } = pagingWhenStuck(journal);
  const stuck = firstStuck
    ? `Acme answered ${firstStuck.requestId} (cursor=${firstStuck.cursor}) with next_cursor ${firstStuck.cursor} again, so following it serves the same page for ever.`
    : 'Acme served the same page again.';
  const ask = 'A paging loop that receives the same page twice should stop loudly (README task 4): when a next_cursor is one you have already followed, or a page is one you have already seen, throw an error that says paging is not advancing.';
  if (!result.ok) {
    ensure(answered >= 2, () => `listAllContacts() failed before Acme had sent a page twice, so there was nothing to judge: ${describeError(result.error)}.${clientTrouble(journal)}`);
    ensure(requests <= MAX_PAGE_REQUESTS_WHEN_STUCK, () => `${stuck} listAllContacts() threw only after ${plural(requests, 'page request')}: ${describeError(result.error)}. ${ask}`);
    return;
  }
  ensure(result.value !== 'still running', `${stuck} listAllContacts() was still running after 10 s and ${plural(requests, 'page request')}: it spins. ${ask}`);
  const distinct = new Set(result.value.map((c) => c.id)).size;
  throw new CheckFailure(
    `${stuck} listAllContacts() resolved with ${plural(result.value.length, 'contact')} (${plural(distinct, 'different one')}) after ${plural(requests, 'page request')}, as if that were every contact. ${ask} Returning what you have hides the problem.`,
  );
}, { task: 4, tenant: { rules: [STUCK_PAGING] } });

lab.check('creates a lead, with the header Acme needs and an Idempotency-Key', 8, async (t) => {
  const email = 'katherine.johnson@example.com';
  const result = await within(() => clientFor(t).createLead({ email, name: 'Katherine Johnson', source: 'lab-03' }), 10_000);
  const journal = await t.acme.journal();
  ensure(result.ok && result.value !== 'still running', () => `createLead() failed: ${describeError(result.ok ? 'still running after 10 s' : result.error)}.${clientTrouble(journal)}`);
  const created = (await t.acme.data('leads')).filter((lead) => lead['email'] === email);
  ensure(created.length === 1, `Acme holds ${plural(created.length, 'lead')} for ${email} after one createLead(); expected exactly 1.${clientTrouble(journal)}`);
  ensure(result.value?.id === created[0]!.id, `createLead() returned ${JSON.stringify(result.value)}; return the lead Acme created (id ${created[0]!.id}).`);
  const accepted = journal.apiRequests({ method: 'POST', path: '/v1/leads', status: 201 });
  ensure(accepted.every((e) => e.idempotencyKey), 'The POST /v1/leads that created the lead had no Idempotency-Key. Send a fresh UUID per lead, so a retry never creates a second one.');
}, { task: 4 });

lab.check('gets a new token when Acme refuses an expired one, however it says so', 10, async (t) => {
  const client = clientFor(t);
  const first = await within(() => client.listAllContacts(), 10_000);
  const before = await t.acme.journal();
  ensure(first.ok && first.value !== 'still running', () => `listAllContacts() failed before the token expired, so there was nothing to judge: ${describeError(first.ok ? 'still running after 10 s' : first.error)}.${clientTrouble(before)}`);
  const ttl = await outliveTokens(t);
  const lead = await within(() => client.createLead({ email: 'dorothy.vaughan@example.com', name: 'Dorothy Vaughan', source: 'lab-03' }), 10_000);
  const journal = await t.acme.journal();
  const refused = journal.apiRequests().filter((e) => e.errorCode === 'session_expired').length;
  const tokens = journal.tokenRequests().length;
  ensure(
    lead.ok && lead.value !== 'still running',
    () =>
      `Acme's clock passed the token's ${ttl} s lifetime; then createLead() failed: ${describeError(lead.ok ? 'still running after 10 s' : lead.error)}.${clientTrouble(journal)}${refused > 0 ? ' Acme refuses an expired token the way your probes found, not the way the docs suggest: on that answer, get a new token and retry once.' : ''}`,
  );
  ensure(refused >= 1, `The client never sent its expired token (${plural(tokens, 'token request')} for ${plural(journal.apiRequests().length, 'API call')}). Reuse a token until Acme refuses it or it runs out, rather than fetching one per call.`);
  ensure(tokens === 2, `The client made ${plural(tokens, 'token request')}; expected 2: the first, and one after Acme refused the expired token.`);
}, { task: 4 });

for (const gap of REAL_GAPS) {
  const titles = {
    'required-header': 'finds the undocumented header every call needs, with requests that show it',
    'expired-token-signal': 'finds how Acme really refuses an expired token, with requests that show it',
    'paging-parameter': 'finds the real name of the paging parameter, with requests that show it',
  } as const;
  lab.check(titles[gap], 8, async (t) => {
    const findings = await runProbes(t);
    await judgeFinding(t, findingFor(findings, gap));
  }, { task: 2 });
}

lab.check('claims no gap that is not real', 8, async (t) => {
  const probed = await runProbes(t);
  const delivered = deliveredFindings(t);
  const claimed = [...new Set([...probed.findings, ...delivered.findings].map((f) => f.gap))];
  ensure(claimed.length > 0, 'Neither findGaps() nor findings.json claims any gap yet. Probe, then record what you found.');
  const notReal = claimed.filter((gap) => NOT_REAL_GAPS.includes(gap));
  ensure(
    notReal.length === 0,
    `You claim ${notReal.map((g) => `"${g}"`).join(', ')}, but there Acme does what its docs say. What did you see that made you believe it? Claim only what a request, and a second one to compare it with, shows.`,
  );
}, { task: 2 });

lab.check('findings.json records what the probes find, each with how it was found and request ids', 6, async (t) => {
  const delivered = deliveredFindings(t);
  ensure(delivered.findings.length > 0, 'findings.json holds no findings yet. Run probe.ts (npx tsx labs/03-unclear-docs/probe.ts) once your probes find something: it writes the file.');
  for (const f of delivered.findings) {
    ensure(
      f.howFound.trim().length >= 20,
      `findings.json's "${f.gap}" finding says how it was found in ${f.howFound.trim().length} characters ("${f.howFound}"). Say which requests you compared and what differed, so a colleague can rerun it.`,
    );
  }
  const probed = await runProbes(t);
  const inFile = new Set(delivered.findings.map((f) => f.gap));
  const inRun = new Set(probed.findings.map((f) => f.gap));
  const onlyInFile = [...inFile].filter((g) => !inRun.has(g));
  const onlyInRun = [...inRun].filter((g) => !inFile.has(g));
  ensure(
    onlyInFile.length === 0 && onlyInRun.length === 0,
    `findings.json and your probes disagree: ${[onlyInFile.length ? `only findings.json names ${onlyInFile.join(', ')}` : '', onlyInRun.length ? `only the probes find ${onlyInRun.join(', ')}` : ''].filter(Boolean).join('; ')}. Run probe.ts again, so the record the team reads is what Acme does today.`,
  );
}, { task: 3 });
