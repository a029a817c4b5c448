import { KILL_SWITCH, type Lab05 } from '../../labs/05-lean-release/contract.ts';
import { ensure } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import {
  allRequests,
  attemptsPerRecord,
  ensureNothingSentWhileOpen,
  ensureOneAlertPerOutage,
  ensureRecovered,
  failing,
  leanSyncFor,
  plural,
  range,
  runPlan,
  syncOnce,
  type PlanStep,
} from './support/lab-05.ts';

const lab = gradedLab<Lab05>('05-lean-release');

/** A shorter outage of connection resets only, on a calm tenant: 100 s to 200 s into the run. */
const RESET_OUTAGE = { tenant: { scenario: 'calm', rules: [{ id: 'resets', match: { path: '/**' }, when: { fromSeconds: 100, untilSeconds: 200 }, fault: 'reset' }] } };
const BREAKER = { failureThreshold: 2, coolDownMs: 10_000 };
const RESET_PLAN: PlanStep[] = [
  { name: 'healthy', at: 0, ids: range(1, 3), expectedAlerts: 0 },
  { name: 'connections reset', at: 120, ids: range(4, 8), expectedAlerts: 1 },
  { name: 'still resetting, first probe', at: 135, ids: range(9, 11), expectedAlerts: 1 },
  { name: 'still resetting, second probe', at: 150, ids: range(12, 14), expectedAlerts: 1 },
  { name: 'connections work again', at: 210, ids: range(15, 19), expectedAlerts: 1 },
];
const resetRun = (t: Parameters<Parameters<typeof lab.check>[2]>[0]) => runPlan(t, RESET_PLAN, leanSyncFor(t, { breaker: BREAKER, retry: { baseDelayMs: 20, maxAttempts: 3 } }));

lab.check('keeps the breaker shut through an outage of connection resets, with other settings', 6, async (t) => {
  await ensureNothingSentWhileOpen(t, await resetRun(t), BREAKER);
}, { ...RESET_OUTAGE, task: 4 });

lab.check('recovers after two failed probes, with one alert for the whole outage', 6, async (t) => {
  const phases = await resetRun(t);
  ensureOneAlertPerOutage(phases);
  await ensureRecovered(t, phases, ['connections work again']);
}, { ...RESET_OUTAGE, task: [4,  6] });

lab.check('a kill switch turned on in a running client stops the next run, and turning it off resumes it', 6, async (t) => {
  const client = leanSyncFor(t, {}, 'off');
  const first = await syncOnce(client, range(1, 3), 'syncing 3 contacts with the kill switch off');
  ensure(first.synced.length === 3, `With the kill switch off and Acme healthy, ${plural(first.synced.length, 'record')} of 3 synced (${JSON.stringify(first)}).`);
  const before = (await allRequests(t)).length;
  client.env[KILL_SWITCH] = 'on';
  const held = await syncOnce(client, range(4, 7), `syncing 4 contacts after an operator set ${KILL_SWITCH}=on`);
  const sent = (await allRequests(t)).length - before;
  ensure(
    sent === 0 && held.skipped.filter((s) => s.reason === 'kill-switch').length === 4,
    `An operator set ${KILL_SWITCH}=on in the running client's configuration; the next run still sent ${plural(sent, 'request')} to Acme and reported ${JSON.stringify(held)}. Read the switch for every record, not once when the client is created.`,
  );
  client.env[KILL_SWITCH] = 'off';
  const resumed = await syncOnce(client, range(4, 7), 'syncing the held contacts after the kill switch was turned off');
  ensure(resumed.synced.length === 4, `After the switch went back off, ${plural(resumed.synced.length, 'record')} of 4 synced (${JSON.stringify(resumed)}).`);
}, { task: 5 });

lab.check('stops retrying at the deadline when every attempt times out', 6, async (t) => {
  const deadlineMs = 1_200;
  const report = await syncOnce(
    leanSyncFor(t, { breaker: { failureThreshold: 50, coolDownMs: 30_000 }, retry: { baseDelayMs: 20, maxAttempts: 12 }, timeoutMs: 300, deadlineMs }),
    range(1, 2),
    'syncing 2 contacts, one of which hangs',
    12_000,
  );
  const attempts = (await attemptsPerRecord(t)).get('ct_000002') ?? [];
  ensure(attempts.length >= 2, `Each attempt at ct_000002 times out after 300 ms; the client tried ${plural(attempts.length, 'time')} within its ${deadlineMs} ms deadline. A timeout is worth retrying while time remains.`);
  const lastStartMs = attempts.at(-1)!.atMs - attempts[0]!.atMs;
  ensure(
    lastStartMs <= deadlineMs + 400,
    `The client kept retrying ct_000002 until ${Math.round(lastStartMs)} ms after its first attempt (${attempts.length} attempts); its deadline was ${deadlineMs} ms. Stop retrying when the record's deadline passes, even with attempts left.`,
  );
  ensure(report.failed.some((f) => f.id === 'ct_000002') && report.synced.includes('ct_000001'), `Expected ct_000001 synced and ct_000002 failed; the report was ${JSON.stringify(report)}.`);
}, { task: 3, tenant: { scenario: 'calm', rules: failing(['ct_000002'], 'hang', { maxHangMs: 10_000 }) }, timeoutMs: 17_000 });
