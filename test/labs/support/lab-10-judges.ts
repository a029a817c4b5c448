import { setTimeout as sleep } from 'node:timers/promises';
import type { Lab10 } from '../../../labs/10-capstone/contract.ts';
import type { RuleInput } from '../../../mock-vendor/engine/rule.ts';
import type { JournalEntry } from '../../../mock-vendor/journal/journal-entry.ts';
import { ensure } from '../../harness/check-failure.ts';
import type { CheckContext } from '../../harness/graded-lab.ts';
import { askHealth, runOnce, serviceFor, syncUntilOk } from './lab-10.ts';

/** `GET /v1/contacts: 5, POST /oauth/token: 2`: where a client's requests went. */
export function requestsByRoute(entries: readonly JournalEntry[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const route = `${e.method} ${e.path.replace(/\/ct_\d+/, '/:id')}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([route, n]) => `${route}: ${n}`).join(', ') || 'none';
}

const shown = (text: string) => JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);

/**
 * A complete run, then an outage (the given rules) for three runs, then recovery: at each step
 * `GET /health` must say what is true, in its HTTP status and in its body.
 */
export async function judgeHealthThroughOutage(t: CheckContext<Lab10>, outage: RuleInput[], what: string, startOutage: () => void | Promise<void> = () => {}): Promise<void> {
  const cooldownMs = 1_500;
  const service = serviceFor(t, { breaker: { failureThreshold: 2, cooldownMs }, retry: { maxAttempts: 3, baseDelayMs: 20 } });
  const started = Date.now();
  await syncUntilOk(service, 'before the outage');
  const before = await askHealth(t, service);
  ensure(before.status === 200 && before.body.status === 'ok', `After a complete run, with Acme answering, GET /health answered ${before.status} ${shown(before.text)}. All is well: answer 200 with status: 'ok'.`);
  ensure(before.body.vendor?.reachable === true && before.body.breaker === 'closed', `After a complete run, GET /health said ${shown(before.text)}. Acme answered the run's last call: vendor.reachable is true and the breaker is 'closed'.`);
  const firstSync = Date.parse(String(before.body.lastSuccessfulSync));
  ensure(
    firstSync >= started - 1_000 && firstSync <= Date.now() + 1_000,
    `After a complete run, GET /health gave lastSuccessfulSync ${JSON.stringify(before.body.lastSuccessfulSync)}; the run finished moments ago (${new Date().toISOString()}). Set it (ISO 8601) when a run returns ok: true.`,
  );

  await t.acme.setRules(outage);
  await startOutage();
  for (let run = 1; run <= 3; run++) await runOnce(service, `during an outage (run ${run} of 3)`);
  const down = await askHealth(t, service);
  const during = `${what}; after 3 failed runs (failureThreshold: 2, cooldownMs: ${cooldownMs}), GET /health answered ${down.status} ${shown(down.text)}`;
  ensure(down.status === 503, `${during}. A monitor reads the status code first: answer 503 while Acme is unreachable or the breaker is open.`);
  ensure(down.body.status === 'degraded' && down.body.vendor?.reachable === false, `${during}. Say what is true: status 'degraded', vendor.reachable false (the last call to Acme got no answer from Acme).`);
  ensure(down.body.breaker === 'open', `${during}. Two failed calls in a row open the breaker, and it stays open for ${cooldownMs} ms: report breaker: 'open'.`);
  ensure(
    down.body.lastSuccessfulSync === before.body.lastSuccessfulSync,
    `${during}. lastSuccessfulSync was ${JSON.stringify(before.body.lastSuccessfulSync)} before the outage; no run has succeeded since, so it must not move. On-call reads it to know how stale the platform is.`,
  );

  await t.acme.setRules([]);
  await sleep(cooldownMs + 300);
  const recovered = Date.now();
  await syncUntilOk(service, 'after Acme recovered and the cooldown passed');
  const after = await askHealth(t, service);
  const since = `Acme recovered, the cooldown passed and a run completed; GET /health answered ${after.status} ${shown(after.text)}`;
  ensure(after.status === 200 && after.body.status === 'ok', `${since}. All is well again: answer 200 with status: 'ok'.`);
  ensure(after.body.vendor?.reachable === true && after.body.breaker === 'closed', `${since}. A call succeeded after the cooldown: vendor.reachable is true and the breaker is 'closed' again.`);
  const lastSync = Date.parse(String(after.body.lastSuccessfulSync));
  ensure(lastSync >= recovered - 50, `${since}. lastSuccessfulSync should be the time of that last run (after ${new Date(recovered).toISOString()}).`);
}

interface Topic {
  what: string;
  covered: (text: string) => boolean;
}

const near = (a: string, b: string) => new RegExp(`(${a})[^\\n]{0,80}(${b})|(${b})[^\\n]{0,80}(${a})`, 'i');

/** What on-call needs from a runbook, each with the wordings that count. */
const TOPICS: Topic[] = [
  { what: 'what the health fields mean (name reachable, lastSuccessfulSync and breaker)', covered: (text) => ['reachable', 'lastSuccessfulSync', 'breaker'].every((field) => text.includes(field)) },
  { what: 'what to do when Acme is down (an outage, Acme unreachable)', covered: (text) => near('\\bacme\\b|\\bvendor\\b', '\\bdown\\b|outage|unreachable|unavailable').test(text) },
  { what: 'how to replay or resync (run again, full resync, backfill)', covered: (text) => /re-?sync|replay|re-?run|run (it|the sync) again|backfill|full sync/i.test(text) },
  { what: 'where the breaker or kill switch is, and how to stop the sync', covered: (text) => /kill[- ]?switch/i.test(text) || near('\\b(pause|stop|disable|suspend)', '\\b(sync|service|job|scheduler)').test(text) },
  { what: 'how to rotate the client secret', covered: (text) => near('rotat', 'secret|credential').test(text) },
];

/** A runbook someone on call can use: no TODO left, long enough to say something, every topic covered. */
export function judgeRunbook(text: unknown): void {
  ensure(typeof text === 'string', `loadRunbook() returned ${typeof text}; return the text of RUNBOOK.md.`);
  const todos = text.split('\n').filter((line) => /\bTODO\b/.test(line));
  ensure(todos.length === 0, () => `RUNBOOK.md still has ${todos.length} TODO line(s), e.g. ${JSON.stringify(todos[0]!.trim())}. Replace each with what on-call needs to know.`);
  const words = text.split(/\s+/).filter(Boolean).length;
  ensure(words >= 150, `RUNBOOK.md has ${words} words. Someone woken at 3 am needs more than that: what the health fields mean, what to do when Acme is down, how to resync, how to stop the sync, how to rotate the secret.`);
  const missing = TOPICS.filter((topic) => !topic.covered(text)).map((topic) => topic.what);
  ensure(missing.length === 0, `RUNBOOK.md does not cover: ${missing.join('; ')}. Add a section for each, written for someone who has never seen this service.`);
}
