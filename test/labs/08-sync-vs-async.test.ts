import type { Lab08 } from '../../labs/08-sync-vs-async/contract.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { JournalView } from '../harness/journal-view.ts';
import {
  acmeAs,
  acmeSeconds,
  CHECK_ENV,
  contactEvent,
  deliveriesWhen,
  describeDeliveries,
  describeError,
  importRows,
  keysByEmail,
  latencyFigures,
  boundaryCost,
  timedSubmit,
  leadsAtAcme,
  outboxFor,
  POST_LEADS,
  sampleLeads,
  settle,
  signatureHeaders,
  withReceiver,
  workerPass,
} from './support/lab-08.ts';

const lab = gradedLab<Lab08>('08-sync-vs-async');

/** How long Acme must stay untouched after submitLead returns: a call started in the background shows well within it. */
const QUIET_AFTER_SUBMIT_MS = 300;

lab.check('loads and exports createLeadOutbox, importContacts and createWebhookReceiver', 2, () => {}, { task: 1, baseline: true });

lab.check('submitLead answers in well under 50 ms while Acme hangs', 12, async (t) => {
  await t.acme.setRules([{ id: 'acme-hangs', match: { path: '/**' }, fault: 'hang', options: { maxHangMs: 3_000 } }]);
  const { worker, outbox } = outboxFor(t);
  const leads = sampleLeads(20, 'hang');
  const timings: { wallMs: number; codeMs: number }[] = [];
  const samples: number[] = [];
  for (const lead of leads) {
    const { result, ...timing } = await timedSubmit(t, worker, lead);
    timings.push(timing);
    samples.push(timing.codeMs);
    ensure(result.ok, () => `submitLead() failed while Acme was hanging: ${describeError(!result.ok && result.error)}. It should only record the lead in the outbox; the worker talks to Acme later.`);
    ensure(result.value !== 'still waiting', `submitLead() was still waiting after 2 s while Acme hung. The salesperson is waiting on the vendor: write the lead to the outbox and return.`);
    if (samples.at(-1)! >= 250) break;
  }
  const { p50, max } = latencyFigures(samples);
  ensure(
    p50 < 50 && max < 250,
    `submitLead() took p50 ${p50} ms, max ${max} ms over ${plural(samples.length, 'call')} while every Acme request hung. Do not call Acme (not even for a token) in submitLead: write to the outbox and return.`,
  );
  const pending = outbox.all().filter((e) => e.status === 'pending');
  ensure(
    pending.length === leads.length,
    `After ${leads.length} submitLead() calls the outbox holds ${plural(pending.length, 'pending entry')} (${outbox.size} in all). Every submitted lead must wait in the outbox, status "pending", until the worker delivers it.`,
  );
  const withoutKey = pending.filter((e) => typeof e.idempotencyKey !== 'string' || e.idempotencyKey.length === 0).length;
  ensure(withoutKey === 0, `${plural(withoutKey, 'outbox entry')} had no idempotencyKey. Choose the key when the lead is submitted and store it with the entry, so every attempt sends the same one.`);
  t.note(`submitLead: p50 ${p50} ms, max ${max} ms over ${leads.length} calls while Acme hung (${boundaryCost(timings)})`);
}, { task: 1 });

lab.check('the worker delivers every lead once Acme recovers', 12, async (t) => {
  await t.acme.setRules([
    {
      id: 'outage',
      match: POST_LEADS,
      when: { untilSeconds: 60 },
      sequence: [{ fault: 'status', options: { status: 503 } }, { fault: 'reset' }, { fault: 'hang', options: { maxHangMs: 30_000 } }],
      loop: true,
    },
  ]);
  const { worker, outbox } = outboxFor(t);
  const leads = sampleLeads(8, 'outage');
  const submitted = await settle(Promise.all(leads.map((lead) => worker.submitLead(lead))));
  ensure(submitted.ok, () => `submitLead() failed: ${describeError(!submitted.ok && submitted.error)}. The worker needs leads in the outbox to deliver.`);
  await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_SUBMIT_MS));
  const early = (await t.acme.journal()).all();
  ensure(
    early.length === 0,
    () =>
      `submitLead() returned at once, but before deliverPending() was called Acme saw ${plural(early.length, 'request')} (first: ${early[0]!.method} ${early[0]!.path}). ` +
      `submitLead never calls Acme, not even in the background (a promise you start and do not await still runs): store the lead in the outbox and leave every call to deliverPending().`,
  );
  const during = await settle(workerPass(worker));
  ensure(during.ok, () => `deliverPending() threw while Acme was down: ${describeError(!during.ok && during.error)}. A failed delivery is normal: keep the lead pending and resolve.`);
  const keptPending = outbox.all().filter((e) => e.status === 'pending').length;
  ensure(
    keptPending === leads.length,
    `While Acme answered 503, reset connections and hung, ${plural(keptPending, 'lead')} of ${leads.length} stayed pending in the outbox (statuses: ${outbox.all().map((e) => e.status).join(', ')}). A vendor outage is temporary: keep the lead pending for the next pass.`,
  );
  await t.acme.advanceClock(61_000);
  let passes = 0;
  while (outbox.all().some((e) => e.status === 'pending') && passes < 8) {
    passes++;
    const pass = await settle(workerPass(worker));
    ensure(pass.ok, () => `deliverPending() threw after Acme recovered: ${describeError(!pass.ok && pass.error)}`);
  }
  const counts = await leadsAtAcme(t, leads.map((l) => l.email));
  const missing = [...counts].filter(([, n]) => n === 0).map(([email]) => email);
  ensure(
    missing.length === 0,
    `After Acme recovered and ${plural(passes, 'more worker pass')}, Acme still lacks ${plural(missing.length, 'lead')} (${missing.slice(0, 3).join(', ')}). A lead must stay in the outbox until Acme has it.`,
  );
  const leadIds = new Set((await t.acme.data('leads')).map((lead) => lead.id));
  const notMarked = outbox.all().filter((e) => e.status !== 'sent' || !e.vendorLeadId || !leadIds.has(e.vendorLeadId));
  ensure(
    notMarked.length === 0,
    `${plural(notMarked.length, 'outbox entry')} did not end as status "sent" with Acme's lead id in vendorLeadId (e.g. ${JSON.stringify(notMarked[0])}). Record what Acme answered, so nobody sends it again.`,
  );
}, { task: 2, timeoutMs: 25_000 });

lab.check('retries and worker restarts never create a duplicate lead', 12, async (t) => {
  await t.acme.setRules([
    { id: 'lost-answers', match: POST_LEADS, sequence: [{ fault: 'truncate' }, 'pass', { fault: 'reset' }, { fault: 'truncate' }, 'pass'], loop: true },
  ]);
  const { worker: firstWorker, outbox: store } = outboxFor(t);
  const leads = sampleLeads(6, 'retry');
  const submitted = await settle(Promise.all(leads.map((lead) => firstWorker.submitLead(lead))));
  ensure(submitted.ok, () => `submitLead() failed: ${describeError(!submitted.ok && submitted.error)}. The worker needs leads in the outbox to deliver.`);
  let passes = 0;
  while (store.all().some((e) => e.status === 'pending') && passes < 8) {
    passes++;
    // A new worker each pass: the process was restarted, only the outbox survived.
    const pass = await settle(workerPass(outboxFor(t, store).worker));
    ensure(pass.ok, () => `deliverPending() threw: ${describeError(!pass.ok && pass.error)}. A failed attempt should leave the lead pending, not crash the worker.`);
  }
  const counts = await leadsAtAcme(t, leads.map((l) => l.email));
  const keys = await keysByEmail(t);
  const duplicated = [...counts].filter(([, n]) => n > 1);
  ensure(duplicated.length === 0, () => {
    const [email, n] = duplicated[0]!;
    const sent = keys.get(email)!;
    return `Acme holds ${plural(n, 'lead')} for ${email} (${plural(duplicated.length, 'email')} duplicated in all). Its ${plural(sent.attempts, 'attempt')} used ${plural(sent.keys.size, 'different Idempotency-Key')}${sent.withoutKey ? ` and ${sent.withoutKey} had none` : ''}. Acme created the lead, then the answer was lost; the retry must send the key stored in the outbox entry, even from a restarted worker.`;
  });
  const missing = [...counts].filter(([, n]) => n === 0).map(([email]) => email);
  ensure(missing.length === 0, `After ${passes} worker ${passes === 1 ? 'pass' : 'passes'}, Acme lacks ${plural(missing.length, 'lead')} (${missing.slice(0, 3).join(', ')}). A truncated answer is not a success: check Acme's answer parses before marking the lead sent.`);
}, { task: 2, timeoutMs: 25_000 });

lab.check('imports through the job API, polling no sooner than Retry-After', 12, async (t) => {
  await t.acme.setRules([
    { id: 'poll-blip', match: { method: 'GET', path: '/v1/jobs/:id' }, when: { afterN: 1, times: 1 }, fault: 'status', options: { status: 503, retryAfterSeconds: 2 } },
  ]);
  const rows = importRows(20, 'import', [4]);
  const result = await settle(t.lab.importContacts(rows, { env: { ...t.env, ...CHECK_ENV }, logger: t.platform.logger }));
  const journal = await t.acme.journal();
  const blips = journal.apiRequests({ method: 'GET', path: '/v1/jobs/*', status: 503 }).length;
  ensure(
    result.ok,
    () =>
      `importContacts() failed: ${describeError(!result.ok && result.error)}.${blips ? ' Acme answered one poll with 503 and Retry-After: 2; the job was still running. A failed poll is worth another one, after Retry-After.' : ''}`,
  );
  const [accepted, ...more] = journal.apiRequests({ method: 'POST', path: '/v1/imports/contacts' });
  ensure(accepted && more.length === 0, `importContacts() sent ${plural(more.length + (accepted ? 1 : 0), 'POST /v1/imports/contacts')}; send the rows once and follow the job.`);
  const job = (await t.acme.data('jobs'))[0]! as { id: string; total: number; created: number };
  const polls = journal.apiRequests({ method: 'GET', path: `/v1/jobs/${job.id}` });
  ensure(polls.length > 0, 'importContacts() never polled the job. Acme answered 202 with a Location header: GET it until completed_at is set.');
  const violations = JournalView.retryAfterViolations([accepted, ...polls]);
  ensure(
    violations.length === 0,
    `Polled ${plural(violations.length, 'time')} sooner than Acme asked: waited ${violations.map((v) => `${v.waitedMs} ms`).join(', ')} where Retry-After said ${violations[0]?.askedMs} ms. Wait at least Retry-After seconds before each poll (gaps: ${JournalView.gapsMs([accepted, ...polls]).map(Math.round).join(', ')} ms).`,
  );
  const jobSeconds = (job.total / (await t.acme.settings()).importRecordsPerSecond).toFixed(1);
  ensure(polls.length <= 8, `importContacts() polled ${plural(polls.length, 'time')} for a job that takes ${jobSeconds} s. Back off between polls instead of polling at a fixed, short rhythm.`);
  const value = result.value;
  ensure(
    value?.id === job.id && value.status === 'succeeded' && value.created === job.created && value.completed_at,
    `importContacts() resolved with ${JSON.stringify(value).slice(0, 200)}; Acme's finished job is ${job.id}, succeeded, created ${job.created}. Resolve with the finished job from the last poll, not the 202 answer.`,
  );
  ensure(
    value.failed.length === 1 && value.failed[0]?.index === 4,
    `The result lists failed rows ${JSON.stringify(value.failed.map((f) => f.index))}; Acme refused row 4 (an invalid email). Pass the job's failed rows on, so someone can fix them.`,
  );
}, { task: 3, timeoutMs: 20_000 });

lab.check('rejects forged webhook deliveries and does not apply them', 10, async (t) => {
  await withReceiver(t, async (receiver) => {
    const [first, second] = await t.acme.data('contacts');
    const genuine = contactEvent(t, 'contact.created', first!);
    const status = await receiver.post(genuine, signatureHeaders(genuine, receiver.secret, acmeSeconds(t)));
    ensure(status >= 200 && status < 300 && receiver.contacts.get(first!.id), `A correctly signed contact.created delivery got ${status}${receiver.contacts.get(first!.id) ? '' : ' and the contact was not stored'}. Verify Acme-Signature over the raw body with the subscription secret, then apply the event and answer 2xx.`);
    const before = receiver.contacts.writes().length;
    const forgedContact = { ...second!, email: 'attacker@example.com' };
    const body = contactEvent(t, 'contact.created', forgedContact);
    const now = acmeSeconds(t);
    const tampered = contactEvent(t, 'contact.created', { ...forgedContact, email: 'tampered@example.com' });
    const attacks: [string, string, Record<string, string>][] = [
      ['no Acme-Signature header', body, {}],
      ['signed with another secret', body, signatureHeaders(body, 'whsec_not_the_subscription_secret', now)],
      ['a body changed after signing', tampered, signatureHeaders(body, receiver.secret, now)],
      ['a v1 signature that is not hex', body, { 'Acme-Signature': `t=${now},v1=${'z'.repeat(64)}` }],
      ['a signature with a timestamp edited to now', genuine, { 'Acme-Signature': signatureHeaders(genuine, receiver.secret, now - 60)['Acme-Signature']!.replace(/t=\d+/, `t=${now}`) }],
    ];
    const accepted: string[] = [];
    for (const [what, payload, headers] of attacks) {
      const answer = await receiver.post(payload, headers);
      if (answer < 400 || answer >= 500) accepted.push(`${what} → ${answer}`);
    }
    ensure(accepted.length === 0, `Forged deliveries were not refused with a 4xx: ${accepted.join('; ')}. Compute HMAC-SHA256(secret, "t.rawBody") and compare it with every v1 in constant time; answer 400 or 401 when none matches.`);
    const applied = receiver.contacts.writes().length - before;
    ensure(applied === 0 && !receiver.contacts.get(second!.id), `Forged deliveries changed the contact store (${plural(applied, 'write')}). Verify before you parse or apply anything.`);
  });
}, { task: 4 });

lab.check('rejects stale and replayed webhook deliveries', 10, async (t) => {
  await withReceiver(t, async (receiver) => {
    const [contact, other] = await t.acme.data('contacts');
    const stale = contactEvent(t, 'contact.created', other!);
    const staleStatus = await receiver.post(stale, signatureHeaders(stale, receiver.secret, acmeSeconds(t) - 600));
    ensure(
      staleStatus >= 400 && staleStatus < 500 && !receiver.contacts.get(other!.id),
      `A correctly signed delivery whose timestamp was 10 minutes old got ${staleStatus}${receiver.contacts.get(other!.id) ? ' and was applied' : ''}. Refuse deliveries whose t= is more than a few minutes from now() (Acme's clock): 5 minutes is usual.`,
    );
    const first = contactEvent(t, 'contact.updated', { ...contact!, first_name: 'Ada' });
    const firstHeaders = signatureHeaders(first, receiver.secret, acmeSeconds(t));
    const firstStatus = await receiver.post(first, firstHeaders);
    await t.acme.advanceClock(2_000);
    const newer = { ...contact!, first_name: 'Grace', updated_at: new Date(t.acme.now()).toISOString() };
    const second = contactEvent(t, 'contact.updated', newer);
    const secondStatus = await receiver.post(second, signatureHeaders(second, receiver.secret, acmeSeconds(t)));
    ensure(firstStatus < 300 && secondStatus < 300 && receiver.contacts.get(contact!.id)?.first_name === 'Grace', `Two genuine, fresh contact.updated deliveries got ${firstStatus} and ${secondStatus}; the store holds first_name ${JSON.stringify(receiver.contacts.get(contact!.id)?.first_name)}, expected "Grace".`);
    const writes = receiver.contacts.writesOf(contact!.id);
    await t.acme.advanceClock(10 * 60_000);
    const replayStatus = await receiver.post(first, firstHeaders);
    ensure(replayStatus >= 400 && replayStatus < 500, `The first delivery, captured and sent again 10 minutes later byte for byte, got ${replayStatus}. Its signature is genuine but old: refuse it (4xx) by checking the signed timestamp against now().`);
    ensure(
      receiver.contacts.get(contact!.id)?.first_name === 'Grace' && receiver.contacts.writesOf(contact!.id) === writes,
      `The replayed delivery changed the store: first_name is now ${JSON.stringify(receiver.contacts.get(contact!.id)?.first_name)}. A refused delivery must not be applied.`,
    );
  });
}, { task: 4 });

lab.check('applies an event Acme delivers three times exactly once', 10, async (t) => {
  await t.acme.setRules([{ id: 'at-least-once', match: { event: 'contact.created' }, fault: 'webhook-duplicate', options: { extraCopies: 2 } }]);
  await withReceiver(t, async (receiver) => {
    const created = await acmeAs(t).createContact({ first_name: 'Katherine', last_name: 'Johnson', email: 'katherine.johnson@example.com' });
    const id = String(created['id']);
    const log = await deliveriesWhen(t, (entries) => entries.length >= 3);
    const answered = log.filter((d) => d.eventId === log[0]?.eventId && d.attempt === 1);
    ensure(answered.length === 3, `Acme tried to deliver contact.created three times but the delivery log shows: ${describeDeliveries(log) || 'nothing'}. Your receiver must answer within 5 s on POST /webhooks/acme.`);
    const refused = answered.filter((d) => d.outcome !== 'delivered');
    ensure(refused.length === 0, `${refused.length} of the 3 identical deliveries got no 2xx (${describeDeliveries(refused)}). A duplicate is genuine: answer 2xx, or Acme keeps retrying it.`);
    const writes = receiver.contacts.writesOf(id);
    ensure(receiver.contacts.get(id)?.email === 'katherine.johnson@example.com', `The contact Acme announced (${id}) is not in the store after three deliveries.`);
    ensure(writes === 1, `The same event (one Acme-Event-Id) was applied ${plural(writes, 'time')}. Remember the ids of events you applied and acknowledge repeats without applying them.`);
  }, ['contact.created']);
}, { task: 4 });

lab.check('converges on the latest state when updates arrive out of order', 10, async (t) => {
  await t.acme.setRules([{ id: 'held-back', match: { event: 'contact.updated' }, when: { times: 1 }, fault: 'webhook-out-of-order', options: { holdSeconds: 30 } }]);
  await withReceiver(t, async (receiver) => {
    const acme = acmeAs(t);
    const id = (await t.acme.data('contacts'))[0]!.id;
    for (const [i, company] of ['First Corp', 'Second Corp', 'Third Corp'].entries()) {
      if (i > 0) await t.acme.advanceClock(1_000);
      await acme.updateContact(id, { company });
    }
    await deliveriesWhen(t, (log) => log.filter((d) => d.outcome === 'delivered').length >= 2);
    await t.acme.advanceClock(31_000);
    const log = await deliveriesWhen(t, (entries) => new Set(entries.filter((d) => d.outcome === 'delivered').map((d) => d.eventId)).size >= 3);
    const delivered = new Set(log.filter((d) => d.outcome === 'delivered').map((d) => d.eventId)).size;
    ensure(delivered >= 3, `Only ${plural(delivered, 'update')} of 3 reached your receiver with a 2xx: ${describeDeliveries(log)}.`);
    const latest = (await t.acme.data('contacts')).find((c) => c.id === id)!;
    const stored = receiver.contacts.get(id);
    ensure(
      stored !== undefined && stored.company === latest.company && stored.updated_at === latest.updated_at,
      `The updates were made in the order First Corp, Second Corp, Third Corp; the first arrived last. Your store holds company ${JSON.stringify(stored?.company)} (updated_at ${stored?.updated_at}); Acme's latest is ${JSON.stringify(latest.company)} (${latest.updated_at}). Keep the version with the latest updated_at, not the last to arrive.`,
    );
  }, ['contact.updated']);
}, { task: 4 });
