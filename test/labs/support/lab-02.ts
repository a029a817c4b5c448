import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAUSES, type Cause, type ContactUpdate, type Diagnosis, type Lab02, type SyncClientDeps, type SyncReport } from '../../../labs/02-intermittent-failures/contract.ts';
import { RecordStore } from '../../../labs/platform/index.ts';
import type { RuleInput } from '../../../mock-vendor/engine/rule.ts';
import type { JournalEntry } from '../../../mock-vendor/journal/journal-entry.ts';
import { ensure } from '../../harness/check-failure.ts';
import type { CheckContext, TenantHandle } from '../../harness/graded-lab.ts';
import { REPO_ROOT } from '../../harness/lab-target.ts';
import { describeError, settle } from './lab-01.ts';

export { describeError, settle };

/** An email Acme's validation refuses (no domain suffix): the record no retry can fix. */
export const POISON_EMAIL = 'accounts@northwind-traders';

export const contactId = (n: number) => `ct_${String(n).padStart(6, '0')}`;

/** What the sync should change for a record, and what Acme should hold afterwards. */
export function changesFor(id: string): ContactUpdate['changes'] {
  return { company: `Nightly ${id} Ltd`, phone: `+44 20 7946 ${id.slice(-4)}` };
}

/** Pending updates for contacts `1..count`; `poison` ids get a payload Acme always refuses. */
export function updates(ids: readonly string[], poison: readonly string[] = []): RecordStore<ContactUpdate> {
  const store = new RecordStore<ContactUpdate>();
  for (const id of ids) store.upsert(id, { id, changes: poison.includes(id) ? { email: POISON_EMAIL, company: 'Northwind Traders' } : changesFor(id) });
  return store;
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => contactId(from + i));

/** The code under test for this check's tenant (or another one), with the platform logger. */
export function syncClientFor(t: CheckContext<Lab02>, deps: Omit<SyncClientDeps, 'env' | 'logger'>, tenant: TenantHandle = t) {
  return t.lab.createSyncClient({ env: tenant.env, logger: t.platform.logger, ...deps });
}

/** Runs a sync with a time limit, so a client that waits forever fails with a message instead of the deadline. */
export async function syncWithin(client: { syncContacts(store: RecordStore<ContactUpdate>): Promise<SyncReport> }, store: RecordStore<ContactUpdate>, limitMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'still waiting'>((resolve) => (timer = setTimeout(resolve, limitMs, 'still waiting')));
  const result = await settle(Promise.race([Promise.resolve().then(() => client.syncContacts(store)), limit]));
  clearTimeout(timer);
  return result;
}

/** The sync finished within its limit and returned a report; fails the check otherwise. */
export function reportOf(result: Awaited<ReturnType<typeof syncWithin>>, limitMs: number, what: string): SyncReport {
  ensure(result.ok, () => `syncContacts() threw while ${what}: ${describeError(!result.ok && result.error)}. It must finish and report each record, never throw for one.`);
  ensure(
    result.value !== 'still waiting',
    `syncContacts() was still running after ${limitMs / 1000} s while ${what}. Something waits forever: a request without a timeout (use timeoutMs), or retries without a limit (maxAttempts).`,
  );
  const report = result.value as Partial<SyncReport>;
  ensure(
    Array.isArray(report?.synced) && Array.isArray(report.poisoned) && Array.isArray(report.failed),
    `syncContacts() returned ${JSON.stringify(report)}; return { synced, poisoned, failed } (see SyncReport in contract.ts).`,
  );
  return report as SyncReport;
}

/** Rules that fail the first `times` PATCHes of each record (and only those). */
export function failFirst(ids: readonly string[], times: number | undefined, fault: string, options: Record<string, unknown> = {}): RuleInput[] {
  return ids.map((id) => ({ match: { method: 'PATCH', path: `/v1/contacts/${id}` }, when: times === undefined ? {} : { times }, fault, options }));
}

/** Each record's PATCH attempts, in order of arrival, from a snapshot of the tenant's journal. */
export async function attemptsPerRecord(handle: TenantHandle): Promise<Map<string, JournalEntry[]>> {
  const byRecord = new Map<string, JournalEntry[]>();
  for (const entry of (await handle.acme.journal()).apiRequests({ method: 'PATCH', path: '/v1/contacts/*' })) {
    const id = entry.path.split('/').pop()!;
    byRecord.set(id, [...(byRecord.get(id) ?? []), entry]);
  }
  return byRecord;
}

// ---- the production log and its ground truth ----

interface Truth {
  seed: number;
  logFile: string;
  logSha256: string;
  causes: Record<Cause, string[]>;
}

let truth: Truth | undefined;

/** Written with the log by scripts/lab-02-production-log.ts; like hidden checks, left out of take-home bundles. */
export const TRUTH_FILE = 'test/labs/02-intermittent-failures.hidden.truth.json';

/** The causes behind the production log, from the vendor's journal of the run that wrote it. */
export function productionTruth(): Truth {
  if (truth) return truth;
  ensure(existsSync(join(REPO_ROOT, TRUTH_FILE)), 'Your diagnosis is judged against what really happened in that run, which this bundle does not include: your interviewer grades it.');
  const loaded = JSON.parse(readFileSync(join(REPO_ROOT, TRUTH_FILE), 'utf8')) as Truth;
  const log = readFileSync(join(REPO_ROOT, loaded.logFile));
  const sha = createHash('sha256').update(log).digest('hex');
  if (sha !== loaded.logSha256) throw new Error(`${loaded.logFile} does not match its ground truth; regenerate both with "npx tsx scripts/lab-02-production-log.ts".`);
  return (truth = loaded);
}

/** The learner's diagnosis, checked for shape; a broken file fails the check with what is wrong. */
export function diagnosisOf(t: CheckContext<Lab02>): Diagnosis {
  let diagnosis: unknown;
  try {
    diagnosis = t.lab.loadDiagnosis();
  } catch (error) {
    ensure(false, `loadDiagnosis() threw: ${describeError(error)}. Is diagnosis.json valid JSON, next to index.ts?`);
  }
  const causes = (diagnosis as Diagnosis | undefined)?.causes;
  ensure(Array.isArray(causes), `diagnosis.json must look like { "causes": [ { "cause": "...", "requestIds": ["req_..."] } ] }; got ${JSON.stringify(diagnosis)?.slice(0, 200)}.`);
  for (const claim of causes) {
    ensure(
      CAUSES.includes(claim?.cause) && Array.isArray(claim.requestIds) && claim.requestIds.every((id) => typeof id === 'string'),
      `diagnosis.json has an entry ${JSON.stringify(claim).slice(0, 200)}: each needs "cause" from the vocabulary (${CAUSES.join(', ')}) and "requestIds", a list of request ids.`,
    );
  }
  ensure(causes.length > 0, 'diagnosis.json names no cause yet. Read the production log, then name each cause you find with the request ids that show it.');
  return diagnosis as Diagnosis;
}

const WHERE_TO_LOOK: Record<Cause, string> = {
  'token-expired-mid-run': 'Look at the 401s: which problem code, and how long after the last "token fetched" line?',
  'rate-limited': 'Look at the 429s and the Retry-After they carried.',
  'endpoint-hangs': 'Look for requests that never got a status at all, and how long they took.',
  'server-errors': 'Look at the 5xx answers.',
  'connection-resets': 'Look at failures without a status: which error code?',
  'poison-record': 'Look for a record that failed the same way on every attempt.',
  'invalid-credentials': 'Which problem code did the 401s carry, and did any token request fail?',
  'schema-drift': 'Did any response fail to parse or carry fields the client did not expect?',
  'truncated-responses': 'Did any response body fail to parse?',
  'dns-failures': 'Did any request fail to find the host (ENOTFOUND, EAI_AGAIN)?',
};

/** Judges one vocabulary entry: named with proof when the log shows it, left out when it does not. */
export function judgeCause(t: CheckContext<Lab02>, cause: Cause): void {
  const diagnosis = diagnosisOf(t);
  const expected = productionTruth().causes[cause];
  const claims = diagnosis.causes.filter((c) => c.cause === cause);
  if (expected.length === 0) {
    ensure(claims.length === 0, `Your diagnosis names "${cause}". What in the log shows it? ${WHERE_TO_LOOK[cause]} A cause you cannot back with a log line costs points.`);
    return;
  }
  ensure(claims.length > 0, `Your diagnosis does not name "${cause}". ${WHERE_TO_LOOK[cause]}`);
  const cited = claims.flatMap((c) => c.requestIds);
  const proving = cited.filter((id) => expected.includes(id));
  const needed = Math.min(2, expected.length);
  ensure(
    proving.length >= needed,
    `You name "${cause}" and cite ${cited.length} request id(s), of which ${proving.length} show it. Cite at least ${needed}: the requestId of log lines where it happened. ${WHERE_TO_LOOK[cause]}`,
  );
}
