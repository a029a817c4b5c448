import type { Lab10 } from '../../labs/10-capstone/contract.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { findLeaks, scanSourceForSecrets } from '../harness/leaks.ts';
import {
  addPlatformContacts,
  askHealth,
  changeAtAcme,
  contactsOf,
  describeError,
  driftBetween,
  ensureAttemptsWithin,
  ensureInStep,
  ensureOnce,
  OUTAGE,
  OWN_CALLS_UNTOUCHED,
  runOnce,
  serviceFor,
  settle,
  syncUntilOk,
  unavailable,
} from './support/lab-10.ts';
import { judgeHealthThroughOutage, judgeRunbook, requestsByRoute } from './support/lab-10-judges.ts';

const lab = gradedLab<Lab10>('10-capstone');

lab.check('loads and exports createSyncService and loadRunbook', 2, () => {}, { baseline: true, task: 1 });

lab.check('keeps Acme and the platform in step under chaos', 20, async (t) => {
  await t.acme.setRules([OWN_CALLS_UNTOUCHED]);
  const service = serviceFor(t);
  const store = contactsOf(t.platform);
  const created = addPlatformContacts(store, t.seed, [1, 2]);
  await syncUntilOk(service, 'on an empty platform with 2 contacts of its own');
  ensureInStep(await driftBetween(t, store, created), 'After the first sync');
  const { changed, deleted, added } = await changeAtAcme(t);
  created.push(...addPlatformContacts(store, t.seed, [3, 4]));
  await syncUntilOk(service, `after ${changed.length} contacts changed, ${deleted.length} were deleted and ${added.length} were added at Acme`);
  ensureInStep(await driftBetween(t, store, created), `After Acme changed ${changed.join(', ')}, deleted ${deleted.join(', ')} and added ${added.join(', ')}, and the platform created 2 more contacts`);
}, { timeoutMs: 40_000, task: [1, 2] });

lab.check('holds every contact once on each side, even when an answer to a create is lost', 15, async (t) => {
  const service = serviceFor(t);
  const store = contactsOf(t.platform);
  const created = addPlatformContacts(store, t.seed, [1, 2, 3, 4, 5, 6]);
  await syncUntilOk(service, 'with 6 contacts created on the platform');
  await runOnce(service, 'once more after a complete run');
  const creates = (await t.acme.journal()).apiRequests({ method: 'POST', path: '/v1/contacts' });
  const lost = creates.filter((e) => e.fault === 'malformed').length;
  ensureOnce(await driftBetween(t, store, created), `After ${plural(creates.length, 'create')} (POST /v1/contacts), ${lost} of them stored by Acme but answered with a proxy's HTML 502`);
  ensureInStep(await driftBetween(t, store, created), 'After the sync');
}, { timeoutMs: 40_000, task: 2 });

lab.check('a run with nothing new writes nothing and creates nothing', 8, async (t) => {
  const service = serviceFor(t);
  const store = contactsOf(t.platform);
  addPlatformContacts(store, t.seed, [1, 2]);
  await syncUntilOk(service, 'with 2 contacts created on the platform');
  const writesBefore = store.writes().length;
  const createsBefore = (await t.acme.journal()).apiRequests({ method: 'POST', path: '/v1/contacts' }).length;
  const runs = await syncUntilOk(service, 'again, with nothing changed on either side');
  const rewritten = store.writes().slice(writesBefore);
  const creates = (await t.acme.journal()).apiRequests({ method: 'POST', path: '/v1/contacts' }).length - createsBefore;
  ensure(
    rewritten.length === 0,
    `Nothing changed on either side, yet ${plural(runs.length, 'run')} wrote ${plural(rewritten.length, 'platform record')} (e.g. ${rewritten.slice(0, 3).map((w) => w.id).join(', ')}). Write only contacts whose updated_at differs from the version you hold: every needless write is load, and noise for whoever audits the store.`,
  );
  ensure(creates === 0, `Nothing new was created on the platform, yet the next run sent ${plural(creates, 'POST /v1/contacts')}. Once a contact is at Acme, remember its acmeId and never create it again.`);
}, { timeoutMs: 40_000, task: [1, 2] });

lab.check('stays within a request budget under chaos', 10, async (t) => {
  const service = serviceFor(t);
  const store = contactsOf(t.platform);
  addPlatformContacts(store, t.seed, [1, 2, 3]);
  let runs = 0;
  const synced = await settle(
    (async () => {
      for (const what of ['with 3 contacts created on the platform', 'again']) runs += (await syncUntilOk(service, what)).length;
    })(),
  );
  runs = Math.max(runs, 1);
  const contacts = (await t.acme.data('contacts')).length;
  const ideal = runs * (Math.ceil(contacts / 20) + 1) + 3;
  const budget = 2 * ideal + 10;
  const journal = await t.acme.journal();
  const sent = journal.all().length;
  ensure(
    sent <= budget,
    `${plural(runs, 'run')} over ${contacts} contacts sent ${sent} requests to Acme: ${requestsByRoute(journal.all())}. The budget is ${budget}: about ${ideal} requests (one token and one listing at 20 or more per page per run, one create per new contact), twice that for chaos, plus 10. Read contacts from the list pages instead of one by one, reuse the token, and bound your retries.`,
  );
  if (!synced.ok) throw synced.error;
}, { timeoutMs: 40_000, task: 1 });

lab.check('retries a failing request at most retry.maxAttempts times', 8, async (t) => {
  const maxAttempts = 2;
  // A threshold no run here reaches, so that only retry.maxAttempts can stop the retries.
  const service = serviceFor(t, { retry: { maxAttempts, baseDelayMs: 20 }, breaker: { failureThreshold: 50, cooldownMs: 60_000 } });
  const notProcessed = 'a 503 problem document ("not processed, safe to retry")';
  await ensureAttemptsWithin(t, service, {
    maxAttempts,
    rules: unavailable({ method: 'GET', path: '/v1/contacts' }),
    filter: { method: 'GET', path: '/v1/contacts' },
    requestOf: (e) => `GET ${e.path}${e.query ? `?${e.query}` : ''}`,
    failing: `GET /v1/contacts answered every request with ${notProcessed}`,
    request: 'GET /v1/contacts',
  });
  addPlatformContacts(contactsOf(t.platform), t.seed, [1, 2, 3]);
  await ensureAttemptsWithin(t, service, {
    maxAttempts,
    rules: unavailable({ method: 'POST', path: '/v1/contacts' }),
    filter: { method: 'POST', path: '/v1/contacts' },
    requestOf: (e) => `POST /v1/contacts for ${String((e.requestBody as { email?: unknown } | null)?.email)}`,
    failing: `POST /v1/contacts answered every create with ${notProcessed} and 3 platform contacts waited to be created`,
    request: 'POST /v1/contacts',
  });
}, { tenant: { scenario: 'calm' }, timeoutMs: 30_000, task: 1 });

lab.check('stops calling Acme while the breaker is open', 10, async (t) => {
  const breaker = { failureThreshold: 2, cooldownMs: 60_000 };
  const maxAttempts = 3;
  const service = serviceFor(t, { breaker, retry: { maxAttempts, baseDelayMs: 20 } });
  await syncUntilOk(service, 'before the outage');
  await t.acme.setRules(OUTAGE);
  const before = (await t.acme.journal()).all().length;
  const reports = [];
  for (let run = 1; run <= 6; run++) reports.push(await runOnce(service, `during an outage (run ${run} of 6)`));
  const during = (await t.acme.journal()).all().slice(before);
  ensure(during.length > 0, 'During the outage the service sent no request at all, so it never noticed Acme was down. Each run should call Acme until the breaker opens.');
  ensure(reports.every((r) => !r.ok), `Acme answered every request with 503, yet ${reports.filter((r) => r.ok).length} of 6 runs reported ok: true. A run is ok only when it read Acme's contacts and pushed what it had to.`);
  const budget = breaker.failureThreshold * maxAttempts * 2;
  ensure(
    during.length <= budget,
    `Acme was down (503 to everything) for 6 runs in a row; the service sent ${during.length} requests: ${requestsByRoute(during)}. With failureThreshold: ${breaker.failureThreshold}, retry.maxAttempts: ${maxAttempts} and cooldownMs: ${breaker.cooldownMs}, the breaker should open after ${breaker.failureThreshold} failed calls, and the runs after that should not call Acme at all (at most ${budget} requests). Hammering a vendor that is down slows its recovery and burns your rate limit.`,
  );
  ensure(reports.at(-1)?.skipped === 'breaker-open', `The last of 6 runs during the outage reported ${JSON.stringify(reports.at(-1))}. A run that did not call Acme because the breaker is open says so: skipped: 'breaker-open'.`);
}, { timeoutMs: 40_000, task: 3 });

lab.check('its health endpoint tells the truth while Acme is down and after it recovers', 15, async (t) => {
  await judgeHealthThroughOutage(t, OUTAGE, 'Acme answered every request with 503');
}, { timeoutMs: 40_000, task: 4 });

lab.check('keeps secrets out of its logs, alerts and health answers', 8, async (t) => {
  const service = serviceFor(t, { breaker: { failureThreshold: 2, cooldownMs: 60_000 }, retry: { maxAttempts: 2, baseDelayMs: 20 } });
  addPlatformContacts(contactsOf(t.platform), t.seed, [1, 2, 3]);
  await syncUntilOk(service, 'under chaos');
  await t.acme.setRules(OUTAGE);
  for (let run = 1; run <= 3; run++) await runOnce(service, `during an outage (run ${run} of 3)`);
  const health = await askHealth(t, service);
  const texts = [
    ...t.logsWritten(),
    ...t.platform.alerts.list().map((a) => ({ where: 'platform alerts', text: JSON.stringify(a) })),
    { where: 'GET /health', text: health.text },
  ];
  ensure(t.logsWritten().length > 0, 'The service wrote no log line through a chaotic sync and an outage. On-call needs to see each run and each failure (with Acme request ids): log through platform.logger.');
  const leaks = findLeaks(texts, { clientId: t.env.VENDOR_CLIENT_ID, clientSecret: t.env.VENDOR_CLIENT_SECRET });
  ensure(
    leaks.length === 0,
    () => `${plural(leaks.length, 'secret')} leaked: ${leaks.slice(0, 3).map((l) => `${l.what} in ${l.where}`).join('; ')}. Log what failed (status, problem code, request id), never the request, its headers or an axios error object (its config carries the Authorization header).`,
  );
  const inSource = scanSourceForSecrets(t.sourcePath);
  ensure(inSource.length === 0, `Your source holds a credential: ${inSource.slice(0, 2).map((l) => `${l.what} at ${l.where}`).join('; ')}. Read it from env.`);
}, { timeoutMs: 40_000, task: 5 });

lab.check('its RUNBOOK.md tells on-call what they need at 3 am', 10, (t) => {
  let text: unknown;
  try {
    text = t.lab.loadRunbook();
  } catch (error) {
    ensure(false, `loadRunbook() threw: ${describeError(error)}. Keep RUNBOOK.md next to index.ts and return its text.`);
  }
  judgeRunbook(text);
}, {
  task: 6,
  review:
    'RUNBOOK.md. This check screens it (no TODOs, at least 150 words, each topic covered: the health fields, Acme down, resyncing, stopping the sync, rotating the secret); it cannot tell whether the steps would work. Read it as the person paged at 3 am: would you know what broke and what to do?',
});
