import type { Lab08 } from '../../labs/08-sync-vs-async/contract.ts';
import { signPayload } from '../../mock-vendor/webhooks/signature.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { JournalView } from '../harness/journal-view.ts';
import { acmeSeconds, boundaryCost, CHECK_ENV, contactEvent, describeError, importRows, latencyFigures, outboxFor, POST_LEADS, sampleLeads, settle, signatureHeaders, timedSubmit, withReceiver, workerPass } from './support/lab-08.ts';

const lab = gradedLab<Lab08>('08-sync-vs-async');

lab.check('submitLead stays fast while every Acme answer takes 1.5 s', 6, async (t) => {
  await t.acme.setRules([{ id: 'slow-acme', match: { path: '/**' }, fault: 'latency', options: { latencyMs: 1_500 } }]);
  const { worker, outbox } = outboxFor(t);
  const timings: { wallMs: number; codeMs: number }[] = [];
  const samples: number[] = [];
  for (const lead of sampleLeads(10, 'slow')) {
    const { result, ...timing } = await timedSubmit(t, worker, lead, 10_000);
    timings.push(timing);
    samples.push(timing.codeMs);
    ensure(result.ok, () => `submitLead() failed while Acme was slow: ${describeError(!result.ok && result.error)}`);
  }
  const { p50, max } = latencyFigures(samples);
  ensure(p50 < 50 && max < 250, `submitLead() took p50 ${p50} ms, max ${max} ms while Acme answered in 1.5 s. Nothing in submitLead should wait on Acme.`);
  ensure(outbox.all().filter((e) => e.status === 'pending').length === 10, `The outbox holds ${outbox.size} entries after 10 submitLead() calls; expected 10 pending.`);
  t.note(`submitLead: p50 ${p50} ms, max ${max} ms while Acme took 1.5 s per answer (${boundaryCost(timings)})`);
}, { task: 1 });

lab.check('sets aside a lead Acme refuses for good instead of resending it', 6, async (t) => {
  const { worker, outbox } = outboxFor(t);
  const [good] = sampleLeads(1, 'fine');
  const refused = { email: 'ada@localhost', name: 'Ada on the intranet', source: 'lab-08' };
  const accepted = await settle(worker.submitLead(good!));
  ensure(accepted.ok, () => `submitLead() failed for an ordinary lead: ${describeError(!accepted.ok && accepted.error)}`);
  const upFront = await settle(worker.submitLead(refused));
  for (let pass = 0; pass < 5; pass++) {
    const result = await settle(workerPass(worker));
    ensure(result.ok, () => `deliverPending() threw: ${describeError(!result.ok && result.error)}. A lead Acme refuses is that lead's problem, not the pass's.`);
  }
  ensure(outbox.all().some((e) => e.lead.email === good!.email && e.status === 'sent'), `The ordinary lead next to the refused one was not delivered after 5 passes (statuses: ${outbox.all().map((e) => `${e.lead.email}: ${e.status}`).join(', ')}).`);
  if (!upFront.ok) return; // refusing it in submitLead, in front of the user, is fine too
  const sends = (await t.acme.journal()).apiRequests(POST_LEADS).filter((e) => (e.requestBody as { email?: string } | null)?.email === refused.email);
  const after422 = sends.findIndex((e) => e.status === 422);
  const entry = outbox.all().find((e) => e.lead.email === refused.email);
  ensure(after422 !== -1, `Acme never answered 422 for ${refused.email}: ${sends.length} attempts with statuses ${sends.map((e) => e.status ?? e.outcome).join(', ') || 'none'}. Deliver every lead the outbox holds, the refused one included, so Acme can say why it refuses it.`);
  ensure(
    sends.length === after422 + 1,
    `Acme refused ${refused.email} with 422 (an invalid email: no retry can fix it), and the worker sent it ${plural(sends.length - after422 - 1, 'more time')}. Mark such an entry "failed" with the reason and leave it for a person.`,
  );
  ensure(entry?.status === 'failed' && entry.lastError, `The refused lead's outbox entry ended as ${JSON.stringify({ status: entry?.status, lastError: entry?.lastError })}; expected status "failed" and lastError saying why, so someone can fix it.`);
}, { task: 2, timeoutMs: 20_000 });

lab.check('gives up on an import that outlives its deadline, still polling politely', 6, async (t) => {
  const rows = importRows(600, 'long-import');
  const result = await settle(Promise.race([
    t.lab.importContacts(rows, { env: { ...t.env, ...CHECK_ENV }, logger: t.platform.logger, deadlineMs: 5_000 }),
    new Promise((resolve) => setTimeout(resolve, 12_000, 'still waiting')),
  ]));
  ensure(!(result.ok && result.value === 'still waiting'), 'importContacts() with deadlineMs 5000 was still polling after 12 s, on a job that needs a minute. Stop polling once the deadline has passed and reject.');
  ensure(!result.ok, `importContacts() resolved (${JSON.stringify(result.ok && result.value).slice(0, 120)}) although the job could not finish within deadlineMs; reject instead.`);
  const [accepted] = (await t.acme.journal()).apiRequests({ method: 'POST', path: '/v1/imports/contacts' });
  const polls = (await t.acme.journal()).apiRequests({ method: 'GET', path: '/v1/jobs/*' });
  ensure(accepted && polls.length > 0, 'importContacts() never polled the job before giving up. Poll the Location at least once within the deadline.');
  const violations = JournalView.retryAfterViolations([accepted, ...polls]);
  ensure(violations.length === 0, `Polled ${plural(violations.length, 'time')} sooner than Retry-After (${violations.map((v) => `${v.waitedMs} ms`).join(', ')} where ${violations[0]?.askedMs} ms was asked), even with a deadline close.`);
}, { task: 3, timeoutMs: 20_000 });

lab.check('accepts a genuine delivery whose JSON is not compact, with two v1 signatures', 6, async (t) => {
  await withReceiver(t, async (receiver) => {
    const contact = (await t.acme.data('contacts'))[2]!;
    const body = JSON.stringify(JSON.parse(contactEvent(t, 'contact.created', contact)), null, 2);
    const now = acmeSeconds(t);
    const rolled = signPayload(body, 'whsec_the_previous_secret', now).replace(/^t=\d+,/, '');
    const header = `${signPayload(body, receiver.secret, now)},${rolled}`.replace(/^(t=\d+),(v1=[0-9a-f]+),(v1=[0-9a-f]+)$/, '$1,$3,$2');
    const status = await receiver.post(body, { 'Acme-Signature': header });
    ensure(
      status >= 200 && status < 300 && receiver.contacts.get(contact.id),
      `A genuine delivery, pretty-printed and signed "${header.slice(0, 24)}…,v1=…" (the right signature second), got ${status}. Verify the bytes you received (express.raw), not re-serialised JSON, and accept when any v1 matches.`,
    );
  });
}, { task: 4 });

lab.check('refuses a delivery signed ten minutes in the future', 4, async (t) => {
  await withReceiver(t, async (receiver) => {
    const contact = (await t.acme.data('contacts'))[3]!;
    const body = contactEvent(t, 'contact.created', contact);
    const status = await receiver.post(body, signatureHeaders(body, receiver.secret, acmeSeconds(t) + 600));
    ensure(
      status >= 400 && status < 500 && !receiver.contacts.get(contact.id),
      `A delivery signed with a timestamp 10 minutes ahead of Acme's clock got ${status}${receiver.contacts.get(contact.id) ? ' and was applied' : ''}. The tolerance works both ways: |now - t| must be small.`,
    );
  });
}, { task: 4 });
