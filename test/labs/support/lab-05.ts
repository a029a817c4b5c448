import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KILL_SWITCH, type BreakerOptions, type ContactUpdate, type Lab05, type LeanSync, type LeanSyncDeps, type SyncReport } from '../../../labs/05-lean-release/contract.ts';
import type { RuleInput } from '../../../mock-vendor/engine/rule.ts';
import type { JournalEntry } from '../../../mock-vendor/journal/journal-entry.ts';
import { live } from '../../../grader/sandbox/wire.ts';
import { ensure, plural } from '../../harness/check-failure.ts';
import type { CheckContext } from '../../harness/graded-lab.ts';
import { describeError, settle } from './lab-01.ts';

export const contactId = (n: number) => `ct_${String(n).padStart(6, '0')}`;
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => contactId(from + i));

/** What the sync changes for a record, and what Acme should hold afterwards. */
export const changesFor = (id: string): ContactUpdate['changes'] => ({ company: `Launch ${id} Ltd` });
export const updates = (ids: readonly string[]): ContactUpdate[] => ids.map((id) => ({ id, changes: changesFor(id) }));

/** The guardrail settings the checks use unless told otherwise: small, so runs are quick. */
export const SETTINGS = {
  retry: { baseDelayMs: 40, maxAttempts: 4 },
  timeoutMs: 1_000,
  deadlineMs: 5_000,
  breaker: { failureThreshold: 3, coolDownMs: 30_000 },
} satisfies LeanSyncDeps;

export interface SyncUnderTest {
  sync: LeanSync;
  /** The configuration the client was given: a check flips the kill switch in it. */
  env: Record<string, string | undefined>;
  settings: typeof SETTINGS;
}

/** The learner's client for this check's tenant: platform logger, alerts and counters, Acme's clock. */
export function leanSyncFor(t: CheckContext<Lab05>, overrides: Partial<LeanSyncDeps> = {}, killSwitch?: 'on' | 'off'): SyncUnderTest {
  // Live: the kill-switch checks turn the switch in this record while the client runs.
  const env: Record<string, string | undefined> = live({ ...t.env, ...(killSwitch ? { [KILL_SWITCH]: killSwitch } : {}) });
  const settings = { ...SETTINGS, ...overrides } as typeof SETTINGS;
  const sync = t.lab.createLeanSync({
    env,
    logger: t.platform.logger,
    alerts: t.platform.alerts,
    counters: t.platform.counters,
    now: () => t.acme.now(),
    ...settings,
  });
  return { sync, env, settings };
}

/** Runs one sync with a time limit and returns its report; fails the check with what went wrong otherwise. */
export async function syncOnce(client: SyncUnderTest, ids: readonly string[], what: string, limitMs = 8_000): Promise<SyncReport> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'still waiting'>((resolve) => (timer = setTimeout(resolve, limitMs, 'still waiting')));
  const result = await settle(Promise.race([Promise.resolve().then(() => client.sync.syncContacts(updates(ids))), limit]));
  clearTimeout(timer);
  ensure(result.ok, () => `syncContacts() threw while ${what}: ${describeError(!result.ok && result.error)}. It must finish and report every record, never throw for one.`);
  ensure(
    result.value !== 'still waiting',
    `syncContacts() was still running after ${limitMs / 1000} s while ${what}. Something waits too long: a request without a timeout, retries without a limit, or no deadline per record.`,
  );
  const report = result.value as Partial<SyncReport>;
  ensure(
    Array.isArray(report?.synced) && Array.isArray(report.failed) && Array.isArray(report.skipped),
    `syncContacts() returned ${JSON.stringify(report)} while ${what}; return { synced, failed, skipped } (see SyncReport in contract.ts).`,
  );
  await sleep(30); // a reset or abandoned connection is journaled when its socket closes
  return report as SyncReport;
}

/** Seconds of the tenant's time since it started its scenario (the outage windows count from there). */
export const scenarioSeconds = async (t: CheckContext<Lab05>) => (t.acme.now() - (await t.acme.rulesActivatedAt())) / 1000;

/** Moves the tenant's clock at Acme (the one the client was given as `now`) to `seconds` into the scenario. */
export async function advanceTo(t: CheckContext<Lab05>, seconds: number): Promise<void> {
  const activatedAt = await t.acme.rulesActivatedAt();
  const ms = seconds * 1000 - (t.acme.now() - activatedAt);
  if (ms > 0) await t.acme.advanceClock(ms);
}

/** Every request the vendor saw from this tenant (token requests and connection-level events included), by arrival: a snapshot taken now. */
export const allRequests = async (t: CheckContext<Lab05>) => (await t.acme.journal()).all().sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);

export const failedAtAcme = (entry: JournalEntry) => entry.status === null || entry.status >= 500;

/** `activatedAtMs`: when the tenant's scenario started (`t.acme.rulesActivatedAt()`). */
export const describeEntry = (entry: JournalEntry, activatedAtMs: number) =>
  `${entry.method} ${entry.path} at second ${((entry.atMs - activatedAtMs) / 1000).toFixed(1)} (${entry.status ?? entry.outcome})`;

/** Alerts that page someone; an `info` alert (e.g. "recovered") does not. */
export const pagingAlerts = (t: CheckContext<Lab05>) => t.platform.alerts.list().filter((a) => a.severity !== 'info');

/**
 * What a correct breaker allows, replayed over Acme's journal: after `failureThreshold` failed
 * requests in a row (no answer, or a 5xx) it is open for `coolDownMs` from the end of the last one;
 * then one probe may go out, and its failure opens it again. Every request that arrived while it was
 * open is a violation. Also counts how many times it opened from closed.
 */
export function replayBreaker(entries: readonly JournalEntry[], { failureThreshold, coolDownMs }: BreakerOptions) {
  const violations: { entry: JournalEntry; openedAtMs: number; openUntilMs: number }[] = [];
  let consecutive = 0;
  let opens = 0;
  let open: { openedAtMs: number; openUntilMs: number } | undefined;
  for (const entry of entries) {
    const endMs = entry.atMs + entry.durationMs;
    if (open && entry.atMs < open.openUntilMs) {
      violations.push({ entry, ...open });
      continue;
    }
    const failed = failedAtAcme(entry);
    if (open) {
      open = failed ? { openedAtMs: endMs, openUntilMs: endMs + coolDownMs } : undefined;
      consecutive = 0;
    } else if (!failed) consecutive = 0;
    else if (++consecutive >= failureThreshold) {
      opens++;
      consecutive = 0;
      open = { openedAtMs: endMs, openUntilMs: endMs + coolDownMs };
    }
  }
  return { violations, opens };
}

export interface Phase {
  name: string;
  ids: string[];
  report: SyncReport;
  /** Journal entries of this phase. */
  entries: JournalEntry[];
  /** Paging alerts raised so far, and how many the phase should leave. */
  alertsSoFar: string[];
  expectedAlerts: number;
}

export interface PlanStep {
  name: string;
  /** Seconds into the scenario (vendor clock) when the phase's sync starts. */
  at: number;
  ids: string[];
  /** Paging alerts there should be once this phase is over. */
  expectedAlerts: number;
}

/**
 * The launch-week story on the lab's scenario: healthy, a full outage (503 to everything), the
 * cool-down passing while Acme is still down, recovery, a second outage (connection resets), recovery.
 */
export const LAUNCH_WEEK: PlanStep[] = [
  { name: 'healthy', at: 0, ids: range(1, 4), expectedAlerts: 0 },
  { name: 'first outage begins (503 to everything)', at: 400, ids: range(5, 10), expectedAlerts: 1 },
  { name: 'still down, cool-down over', at: 460, ids: range(11, 14), expectedAlerts: 1 },
  { name: 'still down, right after the failed probe', at: 460, ids: range(15, 17), expectedAlerts: 1 },
  { name: 'Acme is back', at: 960, ids: range(18, 23), expectedAlerts: 1 },
  { name: 'second outage begins (every connection reset)', at: 1_560, ids: range(24, 29), expectedAlerts: 2 },
  { name: 'Acme is back again', at: 1_860, ids: range(30, 33), expectedAlerts: 2 },
];

/** Runs the plan with one client throughout, one `syncContacts` call per phase. */
export async function runPlan(t: CheckContext<Lab05>, plan: readonly PlanStep[] = LAUNCH_WEEK, client = leanSyncFor(t)): Promise<Phase[]> {
  const phases: Phase[] = [];
  for (const step of plan) {
    await advanceTo(t, step.at);
    const seen = new Set((await allRequests(t)).map((e) => e.seq));
    const report = await syncOnce(client, step.ids, `syncing ${step.ids.length} contacts in the phase "${step.name}"`);
    phases.push({
      name: step.name,
      ids: step.ids,
      report,
      entries: (await allRequests(t)).filter((e) => !seen.has(e.seq)),
      alertsSoFar: pagingAlerts(t).map((a) => a.message),
      expectedAlerts: step.expectedAlerts,
    });
  }
  return phases;
}

// By seq: the phases' entries and the entry asked about come from different snapshots of the journal.
export const phaseOf = (phases: readonly Phase[], entry: JournalEntry) => phases.find((p) => p.entries.some((e) => e.seq === entry.seq))?.name ?? 'unknown';

/** Rules that always fail `ids`' PATCHes with `fault`, or only the first `times`. */
export function failing(ids: readonly string[], fault: string, options: Record<string, unknown> = {}, times?: number): RuleInput[] {
  return ids.map((id) => ({ match: { method: 'PATCH', path: `/v1/contacts/${id}` }, when: times === undefined ? {} : { times }, fault, options }));
}

/** Each record's PATCH attempts, in order of arrival (a snapshot of the journal taken now). */
export async function attemptsPerRecord(t: CheckContext<Lab05>): Promise<Map<string, JournalEntry[]>> {
  const byRecord = new Map<string, JournalEntry[]>();
  for (const entry of (await t.acme.journal()).apiRequests({ method: 'PATCH', path: '/v1/contacts/*' }).sort((a, b) => a.atMs - b.atMs)) {
    const id = entry.path.split('/').pop()!;
    byRecord.set(id, [...(byRecord.get(id) ?? []), entry]);
  }
  return byRecord;
}

/** Records whose change Acme does not hold. */
export async function notAtAcme(t: CheckContext<Lab05>, ids: readonly string[]): Promise<string[]> {
  const held = new Map((await t.acme.data('contacts')).map((c) => [c.id, c['company']]));
  return ids.filter((id) => held.get(id) !== changesFor(id).company);
}

export const listed = (ids: readonly string[], max = 4) => `${ids.slice(0, max).join(', ')}${ids.length > max ? `, … (${ids.length} in all)` : ''}`;

export { plural };

/**
 * Where the LAUNCH.md delivered with the code under test is: in the target's folder. A one-file
 * target (a bad client) may bring its own `<name>.LAUNCH.md` beside it; else the folder's is used.
 */
export function launchNotesPath(sourcePath: string): string {
  if (statSync(sourcePath).isDirectory()) return join(sourcePath, 'LAUNCH.md');
  const own = join(dirname(sourcePath), `${basename(sourcePath, '.ts')}.LAUNCH.md`);
  return existsSync(own) ? own : join(dirname(sourcePath), 'LAUNCH.md');
}

/** LAUNCH.md's text without HTML comments (the starter's note to the learner is not part of it). */
export function readLaunchNotes(t: CheckContext<Lab05>): { path: string; text: string } {
  const path = launchNotesPath(t.sourcePath);
  ensure(existsSync(path), `There is no LAUNCH.md next to your code (looked for ${path}). Write it there: what ships now, what follows, and the guardrails, for the people who made the promise.`);
  return { path, text: readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->/g, '') };
}

/** The guardrails LAUNCH.md must name, each with the plain words that count as naming it. */
export const GUARDRAILS: { name: string; pattern: RegExp; words: string }[] = [
  { name: 'bounded retries', pattern: /\bretr(y|ies|ied|ying)\b|\btr(y|ies) again\b/i, words: '"retries", "tries again"' },
  { name: 'a deadline per operation', pattern: /\bdeadlines?\b|\btime ?limits?\b|\btime-?outs?\b|\bgives? up after\b/i, words: '"deadline", "time limit", "gives up after"' },
  { name: 'the circuit breaker', pattern: /\bcircuit\b|\bbreakers?\b|\bstops? (calling|sending|trying)\b|\bpauses?\b/i, words: '"circuit breaker", "pauses", "stops calling"' },
  { name: 'the kill switch', pattern: /\bkill[ -]?switch\b|\boff[ -]switch\b|\b(switch|turn)(ed|es|s)? (it |the \w+ |\w+ )?off\b|\bdisabl(e|ed|ing)\b/i, words: '"kill switch", "turn it off", "disable"' },
  { name: 'one alert per outage', pattern: /\balert(s|ed|ing)?\b|\bpage[ds]?\b|\bpager\b|\bon-?call\b|\bnotif(y|ies|ied|ication)\b/i, words: '"alert", "pages on-call", "notifies"' },
  { name: 'counters for a dashboard', pattern: /\bdashboards?\b|\bcounters?\b|\bmetrics?\b|\bgraphs?\b/i, words: '"dashboard", "counters", "metrics"' },
];

/** Words a sales lead should not have to look up. */
export const JARGON = /\b(axios(-retry)?|https?|[45]xx|interceptors?|exponential|jitter|idempoten\w*|half-open|retryCondition|AbortSignal|ECONN\w+|stack traces?|env(ironment)? var(iable)?s?|async|json|timeoutMs|deadlineMs|maxAttempts|coolDownMs|failureThreshold)\b/gi;

export const WORD_LIMIT = 400;

/** The text under each `##` heading, by heading. */
export function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  let heading = '';
  for (const line of markdown.split('\n')) {
    const match = /^#{1,3}\s+(.*)$/.exec(line);
    if (match) found.set((heading = match[1]!.trim()), '');
    else if (heading) found.set(heading, `${found.get(heading)}${line}\n`);
  }
  return found;
}

export const wordsIn = (text: string) => text.replace(/[#*_>`|-]+/g, ' ').split(/\s+/).filter((w) => /\w/.test(w)).length;

// ---- judgements shared by the visible and hidden checks ----

/** Nothing reached Acme while a correct breaker would have been open, and it did open. */
export async function ensureNothingSentWhileOpen(t: CheckContext<Lab05>, phases: readonly Phase[], breaker: BreakerOptions): Promise<void> {
  const healthy = phases[0]!;
  ensure(
    healthy.report.synced.length === healthy.ids.length,
    `Before any outage, ${plural(healthy.report.synced.length, 'record')} of ${healthy.ids.length} synced (report: ${JSON.stringify(healthy.report)}). Make the healthy path work first.`,
  );
  const { violations, opens } = replayBreaker(await allRequests(t), breaker);
  const activatedAt = await t.acme.rulesActivatedAt();
  const shown = violations.slice(0, 4).map((v) => `${describeEntry(v.entry, activatedAt)} in the phase "${phaseOf(phases, v.entry)}"`);
  ensure(
    violations.length === 0,
    () =>
      `With failureThreshold ${breaker.failureThreshold} and coolDownMs ${breaker.coolDownMs}, your breaker should have been open when Acme received ${plural(violations.length, 'request')}: ${shown.join('; ')}${violations.length > 4 ? '; …' : ''}. ` +
      `Open after ${breaker.failureThreshold} failed requests in a row (count requests, retries included, not records), send nothing until coolDownMs has passed on now(), then let exactly one probe through; if it fails, stay open for another coolDownMs.`,
  );
  ensure(
    opens > 0,
    `Acme was down, yet the journal never shows ${breaker.failureThreshold} failed requests in a row: your client hardly tried (requests per phase: ${phases.map((p) => `${p.name}: ${p.entries.length}`).join(', ')}). The breaker must learn of the outage by trying.`,
  );
}

/** After an outage, the first sync past the cool-down probes, closes the breaker and syncs everything. */
export async function ensureRecovered(t: CheckContext<Lab05>, phases: readonly Phase[], recoveries: readonly string[]): Promise<void> {
  for (const name of recoveries) {
    const phase = phases.find((p) => p.name === name)!;
    const missing = phase.ids.filter((id) => !phase.report.synced.includes(id));
    ensure(
      missing.length === 0,
      () =>
        `In the phase "${name}" Acme was healthy again and the cool-down long over, but ${plural(missing.length, 'record')} of ${phase.ids.length} did not sync: ${listed(missing)} ` +
        `(skipped: ${JSON.stringify(phase.report.skipped.slice(0, 2))}; requests sent: ${phase.entries.length}). After coolDownMs, measured with the now() you are given (not Date.now), send one probe; when it succeeds, close the breaker and carry on.`,
    );
    const stale = await notAtAcme(t, phase.ids);
    ensure(stale.length === 0, `The report says synced, but Acme does not hold the change for ${listed(stale)}.`);
  }
}

/** One paging alert when each outage starts, none for further failures or failed probes. */
export function ensureOneAlertPerOutage(phases: readonly Phase[]): void {
  for (const phase of phases) {
    const count = phase.alertsSoFar.length;
    ensure(
      count === phase.expectedAlerts,
      () =>
        `After the phase "${phase.name}" there ${count === 1 ? 'was 1 alert' : `were ${count} alerts`} (severity other than info); there should be ${phase.expectedAlerts}, one per outage so far. ` +
        `${count > 0 ? `They said: ${JSON.stringify(phase.alertsSoFar.slice(0, 3))}${count > 3 ? ', …' : ''}. ` : ''}Raise one when the breaker opens from closed, not per failed request or failed probe, and raise one again for the next outage.`,
    );
  }
}
