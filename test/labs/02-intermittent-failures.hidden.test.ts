import type { Lab02 } from '../../labs/02-intermittent-failures/contract.ts';
import { JournalView } from '../harness/journal-view.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { attemptsPerRecord, failFirst, range, reportOf, syncClientFor, syncWithin, updates } from './support/lab-02.ts';

const lab = gradedLab<Lab02>('02-intermittent-failures');
const calm = (rules: ReturnType<typeof failFirst>) => ({ tenant: { scenario: 'calm', rules } });

lab.check('gets a new token when one dies in the middle of the sync, and carries on', 6, async (t) => {
  const ids = range(1, 12);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 2_000 }), updates(ids), 8_000);
  const report = reportOf(result, 8_000, 'syncing 12 contacts while the token expires after the fourth');
  const missing = ids.filter((id) => !report.synced.includes(id));
  ensure(missing.length === 0, `After Acme expired the token mid-sync (401 token_expired), ${plural(missing.length, 'record')} did not sync: ${missing.slice(0, 4).join(', ')}. Get a new token and retry.`);
  const tokens = (await t.acme.journal()).tokenRequests().length;
  ensure(tokens >= 2 && tokens <= 5, `The sync used ${plural(tokens, 'token request')} for one mid-run expiry. Get one new token when Acme says the old one expired, and share it.`);
}, { task: 4, tenant: { scenario: 'calm', rules: [{ match: { method: 'PATCH', path: '/v1/contacts/:id' }, when: { afterN: 4, times: 1 }, fault: 'token-expiry' }] } });

lab.check('retries a connection reset and a request that timed out', 6, async (t) => {
  const ids = range(1, 5);
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 500 }), updates(ids), 6_000);
  const report = reportOf(result, 6_000, 'syncing 5 contacts, one reset and one hanging');
  for (const [id, what] of [['ct_000002', 'was reset'], ['ct_000004', 'hung']] as const) {
    const attempts = (await attemptsPerRecord(t)).get(id)?.length ?? 0;
    ensure(attempts === 2 && report.synced.includes(id), `The first request for ${id} ${what}; the client sent it ${plural(attempts, 'time')} and ${report.synced.includes(id) ? 'synced' : 'did not sync'} it. A network error on an idempotent request is worth one more try.`);
  }
}, { ...calm([...failFirst(['ct_000002'], 1, 'reset'), ...failFirst(['ct_000004'], 1, 'hang', { maxHangMs: 10_000 })]), task: 3 });

lab.check('waits out a Retry-After of 2 seconds', 6, async (t) => {
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 2_000 }), updates(range(1, 2)), 10_000);
  const report = reportOf(result, 10_000, 'syncing 2 contacts after a 429 with Retry-After: 2');
  const attempts = (await attemptsPerRecord(t)).get('ct_000001') ?? [];
  const early = JournalView.retryAfterViolations(attempts);
  ensure(early.length === 0, `Acme said Retry-After: 2 and the client retried ${early[0]?.waitedMs} ms later. Wait at least that long.`);
  ensure(attempts.length >= 2 && report.synced.includes('ct_000001'), `After the 429, ct_000001 was sent ${plural(attempts.length, 'time')} and ${report.synced.includes('ct_000001') ? 'synced' : 'not synced'}. Wait, then retry.`);
}, { ...calm(failFirst(['ct_000001'], 1, 'rate-burst', { retryAfterSeconds: 2 })), task: 3 });

lab.check('stops at maxAttempts: 2 as well', 6, async (t) => {
  const result = await syncWithin(syncClientFor(t, { retry: { baseDelayMs: 20, maxAttempts: 2 }, timeoutMs: 2_000 }), updates(range(1, 3)), 8_000);
  const report = reportOf(result, 8_000, 'syncing 3 contacts, one of which is always reset');
  const attempts = (await attemptsPerRecord(t)).get('ct_000002')?.length ?? 0;
  ensure(attempts === 2, `ct_000002 is reset every time; with maxAttempts: 2 the client tried it ${plural(attempts, 'time')}. Two attempts means the first and one retry.`);
  ensure(report.failed.some((f) => f.id === 'ct_000002' && f.status === null), `ct_000002 is not reported as failed with status null (failed: ${JSON.stringify(report.failed)}); there was no answer, only resets.`);
}, { ...calm(failFirst(['ct_000002'], undefined, 'reset')), task: 3 });
