import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTACTS_STORE, type Health, type Lab10, type PlatformContact, type SyncRunReport, type SyncService, type SyncServiceDeps } from '../../../labs/10-capstone/contract.ts';
import type { Platform, RecordStore } from '../../../labs/platform/index.ts';
import type { RuleInput } from '../../../mock-vendor/engine/rule.ts';
import type { JournalEntry, JournalFilter } from '../../../mock-vendor/journal/journal-entry.ts';
import { ensure, plural } from '../../harness/check-failure.ts';
import type { CheckContext, TenantHandle } from '../../harness/graded-lab.ts';
import { describeError, settle } from './lab-01.ts';

export { describeError, settle };

/**
 * Small numbers, so a run under chaos takes a second or two; a timeout and a breaker generous
 * enough that a loaded machine does not open the breaker on a vendor that is only noisy.
 */
export const FAST: Omit<SyncServiceDeps, 'env' | 'platform'> = {
  timeoutMs: 2_000,
  retry: { maxAttempts: 4, baseDelayMs: 20 },
  breaker: { failureThreshold: 5, cooldownMs: 2_000 },
};

/** What a scheduler waits after a run that did not complete, before the next. */
const PAUSE_AFTER_FAILED_RUN_MS = 500;

/** Acme answers every request, the token endpoint included, with a 503: the vendor is down. */
export const OUTAGE: RuleInput[] = [{ id: 'acme-is-down', match: {}, fault: 'status', options: { status: 503 } }];

const RUN_LIMIT_MS = 12_000;

/** The service under test for a tenant, on its own platform (the check's own one unless given). */
export function serviceFor(t: CheckContext<Lab10>, deps: Partial<Omit<SyncServiceDeps, 'env' | 'platform'>> = {}, handle: TenantHandle = t, platform: Platform = t.platform): SyncService {
  return t.lab.createSyncService({ env: handle.env, platform, ...FAST, ...deps });
}

export const contactsOf = (platform: Platform): RecordStore<PlatformContact> => platform.store<PlatformContact>(CONTACTS_STORE);

/** One run, which must finish in time and return a report, never throw. */
export async function runOnce(service: SyncService, what: string): Promise<SyncRunReport> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'still running'>((resolve) => (timer = setTimeout(resolve, RUN_LIMIT_MS, 'still running')));
  const result = await settle(Promise.race([Promise.resolve().then(() => service.syncOnce()), limit]));
  clearTimeout(timer);
  ensure(result.ok, () => `syncOnce() threw ${what}: ${describeError(!result.ok && result.error)}. A run must never throw: report { ok: false, error } and let the next run try again.`);
  ensure(
    result.value !== 'still running',
    `syncOnce() was still running after ${RUN_LIMIT_MS / 1000} s ${what}. Either something waits forever (a request without a timeout: timeoutMs; retries without a limit: retry.maxAttempts), or the run sends far more requests than Acme's rate limit lets through quickly.`,
  );
  const report = result.value as Partial<SyncRunReport>;
  ensure(typeof report?.ok === 'boolean', `syncOnce() returned ${JSON.stringify(report)} ${what}; return a SyncRunReport ({ ok, pulled, deleted, pushed }, see contract.ts).`);
  return report as SyncRunReport;
}

/** Runs the sync as a scheduler would, until a run says it is complete (at most `maxRuns` runs). */
export async function syncUntilOk(service: SyncService, what: string, maxRuns = 6): Promise<SyncRunReport[]> {
  const reports: SyncRunReport[] = [];
  while (reports.length < maxRuns) {
    const report = await runOnce(service, what);
    reports.push(report);
    if (report.ok) return reports;
    await sleep(PAUSE_AFTER_FAILED_RUN_MS);
  }
  ensure(
    false,
    `${plural(maxRuns, 'run')} in a row ${what} all reported ok: false (last error: ${JSON.stringify(reports.at(-1)?.error ?? null)}). Under chaos a run with retries should almost always complete; if one does not, the next should.`,
  );
}

/** Contacts our platform created and Acme does not have yet, with addresses unique to the seed. */
export function addPlatformContacts(store: RecordStore<PlatformContact>, seed: number, numbers: readonly number[]): PlatformContact[] {
  return numbers.map((n) => {
    const contact: PlatformContact = {
      id: `pf_${seed}_${n}`,
      acmeId: null,
      firstName: `Nadia${n}`,
      lastName: `Okafor-${seed}`,
      email: `nadia.${n}.s${seed}@platform.example.org`,
      phone: n % 2 === 0 ? `+44 20 7946 ${String(1000 + n)}` : null,
      company: n % 3 === 0 ? null : `Okafor ${n} Ltd`,
      acmeUpdatedAt: null,
    };
    store.upsert(contact.id, contact);
    return contact;
  });
}

/**
 * The header that marks the check's own calls to Acme (people working at Acme, not the service),
 * with a value drawn when the checks load: the code under test never learns it, so it cannot dress
 * its own calls up as the check's to dodge the chaos.
 */
const OWN_CALL_HEADER = 'x-lab-check';
const OWN_CALL_MARK = randomBytes(16).toString('hex');

/**
 * A rule that serves the check's own calls untouched, before the scenario's rules see them: they
 * meet no chaos, and use none of the scenario's counters or random draws, so the service under
 * test meets the same faults as if the check had changed Acme's data directly. Set it before the
 * service's first request (setting rules restarts the scenario's counters).
 */
export const OWN_CALLS_UNTOUCHED: RuleInput = { id: 'the-checks-own-calls', match: { headers: { [OWN_CALL_HEADER]: OWN_CALL_MARK } }, fault: 'latency', options: { latencyMs: 0 } };

/** Journal entries of the service under test, without the check's own calls. */
export const byTheService = (entries: readonly JournalEntry[]): JournalEntry[] => entries.filter((e) => e.requestHeaders[OWN_CALL_HEADER] !== OWN_CALL_MARK);

/** Calls to Acme's API made by the check itself, with a token of its own; 429 and 503 (not processed) are tried again. */
function ownCalls(handle: TenantHandle) {
  let token: string | undefined;
  async function send(url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), [OWN_CALL_HEADER]: OWN_CALL_MARK }, signal: AbortSignal.timeout(5_000) });
      if ((response.status !== 429 && response.status !== 503) || attempt >= 5) return response;
      await response.arrayBuffer();
      await sleep(Math.min(1_000, Number(response.headers.get('retry-after') ?? 0) * 1_000 || 100));
    }
  }
  return async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown> | null> {
    if (!token) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'contacts:read contacts:write' });
      const auth = Buffer.from(`${handle.env.VENDOR_CLIENT_ID}:${handle.env.VENDOR_CLIENT_SECRET}`).toString('base64');
      const issued = await send(`${handle.env.VENDOR_BASE_URL}/oauth/token`, { method: 'POST', body: form, headers: { Authorization: `Basic ${auth}` } });
      if (!issued.ok) throw new Error(`Lab 10 check setup: the check's own token request got ${issued.status}: ${await issued.text()}`);
      token = ((await issued.json()) as { access_token: string }).access_token;
    }
    const response = await send(`${handle.env.VENDOR_BASE_URL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Lab 10 check setup: the check's own ${method} ${path} got ${response.status}: ${await response.text()}`);
    return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
  };
}

/**
 * What happens at Acme between two runs (people edit, delete and add contacts there): one second
 * later on the tenant's clock, three contacts change, two disappear and two are added. Made through
 * Acme's API: have OWN_CALLS_UNTOUCHED among the tenant's rules.
 */
export async function changeAtAcme(t: CheckContext<Lab10>, handle: TenantHandle = t): Promise<{ changed: string[]; deleted: string[]; added: string[] }> {
  await handle.acme.advanceClock(1_000);
  const call = ownCalls(handle);
  const ids = (await handle.acme.data('contacts')).map((c) => c.id);
  const changed = [ids[2]!, ids[7]!, ids[11]!];
  for (const [i, id] of changed.entries()) await call('PATCH', `/v1/contacts/${id}`, { company: `Renamed ${i} GmbH`, phone: `+49 30 901820${i}` });
  const deleted = [ids[4]!, ids[15]!];
  for (const id of deleted) await call('DELETE', `/v1/contacts/${id}`);
  const added: string[] = [];
  for (const n of [1, 2]) added.push(String((await call('POST', '/v1/contacts', { first_name: `Added${n}`, last_name: 'AtAcme', email: `added.${n}.${handle.seed}@acme-side.example.com` }))!['id']));
  return { changed, deleted, added };
}

/** Adds `count` contacts at Acme through its API, so listings have several pages at any page size. */
export async function addAcmeContacts(handle: TenantHandle, count: number): Promise<void> {
  const call = ownCalls(handle);
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  // In order, a few at a time: Acme gives ids in the order it stores them.
  for (let from = 0; from < numbers.length; from += 10) {
    await Promise.all(numbers.slice(from, from + 10).map((n) => call('POST', '/v1/contacts', { first_name: `Bulk${n}`, last_name: 'Import', email: `bulk.${n}@acme-side.example.com` })));
  }
}

export interface Drift {
  /** Acme contacts the platform does not hold. */
  missing: string[];
  /** Acme contacts made from a platform contact whose record has no acmeId for them. */
  unlinked: string[];
  /** Acme contacts the platform holds with other values. */
  stale: { acmeId: string; field: string; acme: unknown; platform: unknown }[];
  /** Platform contacts whose Acme contact is gone. */
  extra: string[];
  /** Platform-created contacts that still have no Acme id. */
  notPushed: string[];
  /** Acme contacts held by more than one platform record. */
  twiceOnPlatform: string[];
  /** Platform-created contacts (by email) that Acme holds more than once. */
  twiceAtAcme: { email: string; ids: string[] }[];
}

const FIELDS = [
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['company', 'company'],
] as const satisfies readonly (readonly [keyof PlatformContact, string])[];

/** An Acme contact as GET /v1/contacts presents it. */
type AcmeContact = { id: string; email: string } & Record<string, unknown>;

/** Compares the two sides from their own data: Acme's tenant records (read from Acme) and the platform store. */
export async function driftBetween(handle: TenantHandle, store: RecordStore<PlatformContact>, platformCreated: readonly PlatformContact[]): Promise<Drift> {
  const acme = (await handle.acme.data('contacts', 'v1')) as AcmeContact[];
  const mine = store.all();
  const byAcmeId = new Map<string, PlatformContact[]>();
  for (const record of mine) if (typeof record?.acmeId === 'string') byAcmeId.set(record.acmeId, [...(byAcmeId.get(record.acmeId) ?? []), record]);
  const drift: Drift = { missing: [], unlinked: [], stale: [], extra: [], notPushed: [], twiceOnPlatform: [], twiceAtAcme: [] };
  for (const contact of acme) {
    const held = byAcmeId.get(contact.id) ?? [];
    const madeHere = platformCreated.find((p) => p.email.toLowerCase() === contact.email.toLowerCase());
    if (held.length === 0) (madeHere ? drift.unlinked : drift.missing).push(madeHere ? `${contact.id} from ${madeHere.id}` : contact.id);
    if (held.length > 1) drift.twiceOnPlatform.push(contact.id);
    const record = held[0];
    if (!record) continue;
    for (const [ours, theirs] of FIELDS) {
      if (record[ours] !== contact[theirs]) drift.stale.push({ acmeId: contact.id, field: ours, acme: contact[theirs], platform: record[ours] });
    }
  }
  const onAcme = new Set(acme.map((c) => c.id));
  drift.extra = [...byAcmeId.keys()].filter((id) => !onAcme.has(id));
  drift.notPushed = mine.filter((r) => r?.acmeId === null || r?.acmeId === undefined).map((r) => r?.id ?? JSON.stringify(r));
  for (const { email } of platformCreated) {
    const ids = acme.filter((c) => c.email.toLowerCase() === email.toLowerCase()).map((c) => c.id);
    if (ids.length > 1) drift.twiceAtAcme.push({ email, ids });
  }
  return drift;
}

const sample = (items: readonly unknown[], n = 3) => `${items.slice(0, n).map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join(', ')}${items.length > n ? ', …' : ''}`;

/** The records that are not in step (duplicates aside), with what to do about each kind. */
export function ensureInStep(drift: Drift, when: string): void {
  ensure(
    drift.unlinked.length === 0,
    `${when}, Acme holds ${plural(drift.unlinked.length, 'contact')} created from platform contacts, but no platform record carries its acmeId (${sample(drift.unlinked)}). When a create succeeds, store the id Acme gives back on that platform record; when its answer was lost, find the contact at Acme by email and link it.`,
  );
  ensure(drift.missing.length === 0, `${when}, ${plural(drift.missing.length, 'Acme contact')} are not on the platform (${sample(drift.missing)}). Read every page of GET /v1/contacts and insert what you have not seen.`);
  ensure(drift.extra.length === 0, `${when}, the platform still holds ${plural(drift.extra.length, 'contact')} Acme has deleted (${sample(drift.extra)}). After a complete listing, delete what Acme no longer has.`);
  ensure(
    drift.stale.length === 0,
    `${when}, ${plural(new Set(drift.stale.map((s) => s.acmeId)).size, 'platform contact')} differ from Acme (${sample(drift.stale)}). Compare updated_at with the version you hold and write the changed ones.`,
  );
  ensure(
    drift.notPushed.length === 0,
    `${when}, ${plural(drift.notPushed.length, 'contact')} created on the platform still have no acmeId (${sample(drift.notPushed)}). Create them at Acme (POST /v1/contacts) and store the id Acme gives back.`,
  );
}

/** No record twice on either side. */
export function ensureOnce(drift: Drift, when: string): void {
  ensure(
    drift.twiceAtAcme.length === 0,
    `${when}, Acme holds ${plural(drift.twiceAtAcme.length, 'platform contact')} more than once (${sample(drift.twiceAtAcme)}). POST /v1/contacts takes no Idempotency-Key: a create whose answer was lost (a proxy's HTML 502, a timeout, a reset) may have happened. Look for the email at Acme before creating again.`,
  );
  ensure(
    drift.twiceOnPlatform.length === 0,
    `${when}, the platform holds ${plural(drift.twiceOnPlatform.length, 'Acme contact')} in more than one record (${sample(drift.twiceOnPlatform)}). Once a platform contact is at Acme, record its acmeId on that record, and match Acme contacts to platform ones by acmeId (then email) before inserting.`,
  );
}

/** Acme answers the requests `match` selects with a 503 problem document: "not processed, safe to retry". */
export const unavailable = (match: RuleInput['match']): RuleInput[] => [{ id: 'unavailable', match, fault: 'status', options: { status: 503 } }];

/**
 * One run while `rules` make some requests fail, judged on the requests `filter` selects: the same
 * request (`requestOf` names it) may be sent at most `maxAttempts` times, the first attempt included.
 */
export async function ensureAttemptsWithin(
  t: CheckContext<Lab10>,
  service: SyncService,
  judged: { rules: RuleInput[]; filter: JournalFilter; requestOf: (entry: JournalEntry) => string; maxAttempts: number; failing: string; request: string },
): Promise<void> {
  const { rules, filter, requestOf, maxAttempts, failing, request } = judged;
  await t.acme.setRules(rules);
  const afterSeq = (await t.acme.journal()).all().at(-1)?.seq ?? 0;
  await runOnce(service, `while ${failing}`);
  const journal = await t.acme.journal();
  const sent = journal.all({ ...filter, afterSeq });
  ensure(sent.length > 0, `While ${failing}, a run sent no ${request} at all (${plural(journal.all({ afterSeq }).length, 'request')} in all), so its retries could not be judged. Each run reads Acme's contacts and creates the contacts our platform made.`);
  const attempts = new Map<string, JournalEntry[]>();
  for (const entry of sent) attempts.set(requestOf(entry), [...(attempts.get(requestOf(entry)) ?? []), entry]);
  const [key, most] = [...attempts].sort((a, b) => b[1].length - a[1].length)[0]!;
  ensure(
    most.length <= maxAttempts,
    `While ${failing}, one run sent ${key} ${most.length} times (request ids ${sample(most.map((e) => e.requestId), 4)}), but retry.maxAttempts: ${maxAttempts} allows at most ${maxAttempts} attempts per request, the first one included: take the limit from retry.maxAttempts, never a number of your own, and stop retrying when it is reached. The next run tries again.`,
  );
}

/** Calls the service's health handler over HTTP, the way a monitor would. */
export async function askHealth(t: CheckContext<Lab10>, service: SyncService): Promise<{ status: number; body: Partial<Health> & Record<string, unknown>; text: string }> {
  const base = await t.serve(service, 'healthHandler');
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(3_000) });
    const text = await response.text();
    let body: Partial<Health> & Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      ensure(false, `GET /health answered ${response.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 120))}. Answer the Health shape from contract.ts.`);
    }
    return { status: response.status, body, text };
  } catch (error) {
    ensure(!(error instanceof Error && error.name === 'TimeoutError'), 'GET /health did not answer within 3 s. Health must answer at once from what the service knows, without waiting on Acme.');
    throw error;
  }
}

