import { CAUSES, type Lab02 } from '../../labs/02-intermittent-failures/contract.ts';
import { BACKOFF_RECORDS, judgeBackoff } from './support/lab-02/backoff.ts';
import { JournalView } from '../harness/journal-view.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import {
  attemptsPerRecord,
  changesFor,
  diagnosisOf,
  failFirst,
  judgeCause,
  productionTruth,
  range,
  reportOf,
  syncClientFor,
  syncWithin,
  updates,
} from './support/lab-02.ts';

const lab = gradedLab<Lab02>('02-intermittent-failures');
const calm = (rules: ReturnType<typeof failFirst>) => ({ tenant: { scenario: 'calm', rules } });

lab.check('loads and exports createSyncClient and loadDiagnosis', 2, () => {}, { task: 1, baseline: true });

for (const cause of CAUSES) {
  lab.check(`judges the cause "${cause}" from the log's evidence`, 3, (t) => judgeCause(t, cause), { task: 1 });
}

lab.check('cites only request ids that show the cause they are cited for', 4, (t) => {
  const truth = productionTruth().causes;
  const wrong = diagnosisOf(t).causes.flatMap(({ cause, requestIds }) => requestIds.filter((id) => !truth[cause].includes(id)).map((id) => `${id} (cited for ${cause})`));
  const cited = diagnosisOf(t).causes.reduce((n, c) => n + c.requestIds.length, 0);
  ensure(cited > 0, 'Your diagnosis cites no request ids. Evidence is the requestId of the log lines that show each cause.');
  ensure(wrong.length === 0, () => `${plural(wrong.length, 'cited request id')} of ${cited} do not show the cause they are cited for: ${wrong.slice(0, 4).join(', ')}${wrong.length > 4 ? ', …' : ''}. Cite only lines you would show the vendor.`);
}, { task: 1 });

lab.check('sends a correlation id on every request and writes it in its logs', 8, async (t) => {
  const ids = range(1, 8);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 2_000 }), updates(ids), 8_000);
  reportOf(result, 8_000, 'syncing 8 contacts with one 503 and one connection reset');
  const requests = (await t.acme.journal()).apiRequests();
  const without = requests.filter((e) => !e.correlationId);
  ensure(requests.length > 0, 'The client sent no request to /v1.');
  ensure(without.length === 0, `${plural(without.length, 'request')} of ${requests.length} had no X-Correlation-Id header (e.g. ${without[0]?.method} ${without[0]?.path}). Send one on every request.`);
  const perRecord = await attemptsPerRecord(t);
  const owners = new Map<string, string>();
  for (const [id, attempts] of perRecord) {
    const used = new Set(attempts.map((a) => a.correlationId));
    ensure(used.size === 1, `The ${attempts.length} attempts for ${id} carried ${used.size} different correlation ids. Keep one id per record across its retries, so one search finds them all.`);
    const cid = attempts[0]!.correlationId!;
    ensure(!owners.has(cid), `${owners.get(cid)} and ${id} share the correlation id "${cid}". Give each record its own, so its story can be followed alone.`);
    owners.set(cid, id);
  }
  const records = t.platform.logs.records();
  const unlogged = [...owners].filter(([cid]) => !records.some((r) => r['correlationId'] === cid));
  ensure(
    unlogged.length === 0,
    `${plural(unlogged.length, 'correlation id')} sent to Acme never appear as a "correlationId" field in your log lines (e.g. the one for ${unlogged[0]?.[1]}). Log each record's outcome with it (logger.child({ correlationId })).`,
  );
}, { ...calm([...failFirst(['ct_000002'], 1, 'status', { status: 503 }), ...failFirst(['ct_000005'], 1, 'reset')]), task: 2 });

lab.check('completes the sync on three seeds of the failing scenario', 12, async (t) => {
  const ids = range(1, 40);
  const poison = 'ct_000013';
  const seeds = [t.seed, t.seed + 1, t.seed + 2];
  const tenants = [t, await t.newTenant({ seed: seeds[1] }), await t.newTenant({ seed: seeds[2] })];
  const runs = await Promise.all(
    tenants.map((handle) => syncWithin(syncClientFor(t, { retry: { baseDelayMs: 50, maxAttempts: 6 }, timeoutMs: 1_500 }, handle), updates(ids, [poison]), 16_000)),
  );
  for (const [i, result] of runs.entries()) {
    const report = reportOf(result, 16_000, `syncing 40 contacts on seed ${seeds[i]}`);
    const handle = tenants[i]!;
    const faults = [...new Set((await handle.acme.journal()).all().map((e) => e.fault ?? (e.status === 401 ? 'expired token' : null)).filter(Boolean))].join(', ');
    const missing = ids.filter((id) => id !== poison && !report.synced.includes(id));
    ensure(
      missing.length === 0,
      () => `On seed ${seeds[i]} (faults met: ${faults || 'none'}), ${plural(missing.length, 'record')} did not sync: ${missing.slice(0, 5).join(', ')}. ${JSON.stringify(report.failed.slice(0, 2))}. Retry what is worth retrying: 5xx, 429, timeouts, resets, and a 401 after getting a new token.`,
    );
    ensure(report.poisoned.some((p) => p.id === poison), `On seed ${seeds[i]}, ${poison} (which Acme refuses with 422) is not in poisoned. Report it there.`);
    const held = new Map((await handle.acme.data('contacts')).map((c) => [c.id, c['company']]));
    const stale = ids.filter((id) => id !== poison && held.get(id) !== changesFor(id).company);
    ensure(stale.length === 0, `On seed ${seeds[i]}, the report says synced, but Acme does not hold the change for ${stale.slice(0, 3).join(', ')}.`);
  }
}, { task: [3,  5], timeoutMs: 22_000 });

// Large beside what a busy machine adds to a wait (timers firing late, a crowded event loop): the verdict is about growth, not the machine.
const BACKOFF_BASE_MS = 500;

lab.check('waits longer before each retry (exponential backoff)', 8, async (t) => {
  const ids = range(1, BACKOFF_RECORDS);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: BACKOFF_BASE_MS, maxAttempts: 5 }, timeoutMs: 2_000, concurrency: BACKOFF_RECORDS }), updates(ids), 12_000);
  reportOf(result, 12_000, `syncing ${BACKOFF_RECORDS} contacts that each meet three 503s`);
  const attempts = [...(await attemptsPerRecord(t)).values()];
  ensure(
    attempts.length === BACKOFF_RECORDS && attempts.every((a) => a.length >= 4),
    `Each record met three 503s before succeeding; the vendor saw attempts per record of ${attempts.map((a) => a.length).join(', ')}. Retry 503s (up to maxAttempts).`,
  );
  const verdict = judgeBackoff(attempts.map((a) => [1, 2, 3].map((n) => JournalView.waitBeforeMs(a, n))), BACKOFF_BASE_MS);
  const [first, second, third] = verdict.means.map(Math.round) as [number, number, number];
  ensure(
    verdict.grows,
    `Before their first, second and third retries the records waited on average ${first} ms, ${second} ms and ${third} ms (baseDelayMs: ${BACKOFF_BASE_MS}). ` +
      `The waits should grow from retry to retry (up to baseDelayMs × 2^(n-1), random within that), so a struggling vendor gets room to recover; together the second and third waits were only ${Math.round(verdict.growthMs)} ms longer than twice the first (at least ${Math.round(verdict.thresholdMs)} ms expected).`,
  );
}, { ...calm(failFirst(range(1, BACKOFF_RECORDS), 3, 'status', { status: 503 })), task: 3 });

lab.check('jitters its delays, so concurrent retries do not arrive together', 8, async (t) => {
  const ids = range(1, 12);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 800, maxAttempts: 3 }, timeoutMs: 2_000, concurrency: 12 }), updates(ids), 12_000);
  reportOf(result, 12_000, 'syncing 12 contacts that each meet two 503s');
  const attempts = [...(await attemptsPerRecord(t)).values()];
  ensure(attempts.length === 12 && attempts.every((a) => a.length === 3), `Each record met two 503s; the vendor saw attempts per record of ${attempts.map((a) => a.length).join(', ')}. Retry 503s (up to maxAttempts).`);
  const waitsBefore = (retry: 1 | 2) => attempts.map((a) => a[retry]!.atMs - (a[retry - 1]!.atMs + a[retry - 1]!.durationMs));
  const spread = (waits: number[]) => Math.sqrt(waits.reduce((sum, w) => sum + (w - waits.reduce((x, y) => x + y) / waits.length) ** 2, 0) / waits.length);
  const [first, second] = [spread(waitsBefore(1)), spread(waitsBefore(2))].map(Math.round) as [number, number];
  ensure(
    first + second >= 160,
    `12 records failed together; before their first retry they waited ${waitsBefore(1).map(Math.round).sort((x, y) => x - y).join(', ')} ms (standard deviation ${first} ms), and before their second with a standard deviation of ${second} ms. Workers that fail together and wait alike retry together. Make a good part of each delay random (e.g. half the delay plus a random amount up to the other half).`,
  );
}, { ...calm(failFirst(range(1, 12), 2, 'status', { status: 503 })), task: 3 });

lab.check('never retries earlier than Retry-After', 8, async (t) => {
  const ids = range(1, 3);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 2_000 }), updates(ids), 10_000);
  const report = reportOf(result, 10_000, 'syncing 3 contacts that meet a 429 and a 503, each with Retry-After: 1');
  const perRecord = await attemptsPerRecord(t);
  for (const [id, attempts] of perRecord) {
    const early = JournalView.retryAfterViolations(attempts);
    ensure(early.length === 0, `After Acme answered ${id} with Retry-After: ${early[0]?.askedMs! / 1000}, the client retried ${early[0]?.waitedMs} ms later. Wait at least as long as Retry-After says.`);
  }
  const retried = ['ct_000001', 'ct_000002'].filter((id) => (perRecord.get(id)?.length ?? 0) >= 2 && report.synced.includes(id));
  ensure(retried.length === 2, `ct_000001 met a 429 and ct_000002 a 503, both with Retry-After: 1; ${retried.length ? retried.join(' and ') : 'neither'} was retried and synced. Wait, then retry.`);
}, { ...calm([...failFirst(['ct_000001'], 1, 'rate-burst', { retryAfterSeconds: 1 }), ...failFirst(['ct_000002'], 1, 'status', { status: 503, retryAfterSeconds: 1 })]), task: 3 });

lab.check('stops after maxAttempts and reports the record as failed', 8, async (t) => {
  const ids = range(1, 5);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 3 }, timeoutMs: 2_000 }), updates(ids), 10_000);
  const report = reportOf(result, 10_000, 'syncing 5 contacts, one of which always gets 503');
  const attempts = (await attemptsPerRecord(t)).get('ct_000004')?.length ?? 0;
  ensure(attempts >= 2, `ct_000004 got a 503 and the client tried it ${plural(attempts, 'time')}. A 503 is worth retrying.`);
  ensure(attempts <= 3, `ct_000004 always gets 503; with maxAttempts: 3 the client tried it ${attempts} times. Count attempts and stop at the limit.`);
  ensure(report.failed.some((f) => f.id === 'ct_000004'), `ct_000004 gave up after ${attempts} attempts but is not in the report's failed list (${JSON.stringify(report.failed)}). Report it, so someone can act.`);
  const others = ids.filter((id) => id !== 'ct_000004' && !report.synced.includes(id));
  ensure(others.length === 0, `One failing record stopped others from syncing: ${others.join(', ')}. Keep going with the rest.`);
}, { ...calm(failFirst(['ct_000004'], undefined, 'status', { status: 503 })), task: [3,  5] });

lab.check('does not retry a 4xx other than 408 and 429', 8, async (t) => {
  const ids = [...range(1, 3), 'ct_999998'];
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 2_000 }), updates(ids, ['ct_000002']), 10_000);
  reportOf(result, 10_000, 'syncing 4 contacts, one unknown to Acme (404) and one it refuses (422)');
  const perRecord = await attemptsPerRecord(t);
  for (const [id, status] of [['ct_999998', 404], ['ct_000002', 422]] as const) {
    const attempts = perRecord.get(id)?.length ?? 0;
    ensure(attempts === 1, `Acme answered ${id} with ${status}; the client sent it ${plural(attempts, 'time')}. A ${status} will be the same next time: send it once, then report it.`);
  }
}, { ...calm([]), task: 3 });

lab.check('reports the poison record instead of retrying it', 8, async (t) => {
  const ids = range(1, 10);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 2_000 }), updates(ids, ['ct_000006']), 10_000);
  const report = reportOf(result, 10_000, 'syncing 10 contacts, one of which Acme refuses with 422');
  const poisoned = report.poisoned.find((p) => p.id === 'ct_000006');
  ensure(poisoned, `ct_000006 was refused with 422 validation_failed but is not in the report's poisoned list (poisoned: ${JSON.stringify(report.poisoned)}). Report it with the reason.`);
  ensure(
    /validation_failed|email/i.test(poisoned.reason ?? ''),
    `The reason reported for ct_000006 is ${JSON.stringify(poisoned.reason)}. Say why Acme refused it (the problem's code and detail), so someone can fix the record.`,
  );
  ensure(poisoned.status === 422, `The status reported for ct_000006 is ${JSON.stringify(poisoned.status)}; Acme answered 422.`);
  const attempts = (await attemptsPerRecord(t)).get('ct_000006')?.length ?? 0;
  ensure(attempts === 1, `The client sent ct_000006 ${plural(attempts, 'time')}; Acme refused its content, which no retry changes.`);
  const missing = ids.filter((id) => id !== 'ct_000006' && !report.synced.includes(id));
  ensure(missing.length === 0, `With the poison record in the batch, ${missing.join(', ')} did not sync. One bad record must not stop the rest.`);
}, { ...calm([]), task: 5 });

lab.check('gives up on a hanging request after timeoutMs and retries it', 6, async (t) => {
  const ids = range(1, 4);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 500 }), updates(ids), 6_000);
  const report = reportOf(result, 6_000, 'syncing 4 contacts, one of whose requests hangs');
  const attempts = (await attemptsPerRecord(t)).get('ct_000003') ?? [];
  ensure(attempts.length >= 2 && report.synced.includes('ct_000003'), `The first request for ct_000003 hung; the client sent it ${plural(attempts.length, 'time')} and ${report.synced.includes('ct_000003') ? 'synced' : 'did not sync'} it. Time out (timeoutMs), then retry.`);
  const gap = attempts[1]!.atMs - attempts[0]!.atMs;
  ensure(gap < 2_500, `The client retried the hanging request ${gap} ms after sending it; with timeoutMs: 500 it should give up after about 500 ms. Set the timeout on every request (and per attempt, not for all attempts together).`);
}, { ...calm(failFirst(['ct_000003'], 1, 'hang', { maxHangMs: 10_000 })), task: 3 });
