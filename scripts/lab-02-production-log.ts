/**
 * Writes lab 02's production log: a seeded run of last night's naive sync client against the lab's
 * scenario, on a vendor whose clock this script drives (so the same seed always gives the same
 * file), and the ground truth the diagnosis checks judge against, taken from the vendor's journal
 * of that run. The truth stays with the checks, never in the lab folder.
 *
 *   npx tsx scripts/lab-02-production-log.ts
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import axios, { isAxiosError } from 'axios';
import { REPO_ROOT } from '../grader/lab-manifest.ts';
import { createClock } from '../mock-vendor/clock.ts';
import { createPrng } from '../mock-vendor/prng.ts';
import { intermittentFailures } from '../mock-vendor/scenarios/02-intermittent-failures.ts';
import { defineScenario } from '../mock-vendor/scenarios/scenario.ts';
import { startVendor } from '../mock-vendor/server.ts';
import type { Cause, ContactChanges } from '../labs/02-intermittent-failures/contract.ts';

export const PRODUCTION_SEED = 612;
export const LOG_FILE = 'labs/02-intermittent-failures/logs/contact-sync-2025-06-12.jsonl';
export const TRUTH_FILE = 'test/labs/02-intermittent-failures.hidden.truth.json';
const RECORDS = 1_000;
const POISON_INDEX = 417;
const STARTED_AT = Date.parse('2025-06-12T02:00:00.000Z');
/** What the production client was configured with; here it is simulated on the vendor's clock. */
const PRODUCTION_TIMEOUT_MS = 30_000;
/** Real time the generator waits on a hang: long enough that nothing but a hang reaches it. */
const REAL_TIMEOUT_MS = 1_500;
const ATTEMPTS = 3;
const ASSUMED_TOKEN_LIFETIME_MS = 55 * 60_000;

const clock = createClock({ frozenAt: STARTED_AT });
const scenario = defineScenario({ ...intermittentFailures, settings: { ...intermittentFailures.settings, seedContacts: RECORDS } });
const vendor = await startVendor({ clock, scenarios: [scenario], log: () => {} });
const { tenant, clientSecret } = vendor.vendor.createTenant({ scenario: scenario.name, seed: PRODUCTION_SEED });
const prng = createPrng(PRODUCTION_SEED);
const http = axios.create({ baseURL: vendor.url, timeout: REAL_TIMEOUT_MS, validateStatus: () => true });
const lines: string[] = [];

const requestId = () => `req_${Array.from({ length: 6 }, () => prng.int(0, 0xffff).toString(16).padStart(4, '0')).join('')}`;
function log(level: number, msg: string, fields: Record<string, unknown> = {}): void {
  lines.push(JSON.stringify({ level, time: new Date(clock.now()).toISOString(), job: 'acme-contact-sync', msg, ...fields }));
}

function changesFor(index: number): ContactChanges {
  if (index === POISON_INDEX) return { email: 'accounts@northwind-traders', company: 'Northwind Traders' };
  const pick = prng.int(0, 3);
  if (pick === 0) return { phone: `+44 20 7946 ${String(prng.int(0, 9999)).padStart(4, '0')}` };
  if (pick === 1) return { company: `Company ${prng.int(100, 999)} Ltd` };
  if (pick === 2) return { opt_in: prng.next() < 0.5 ? 'Y' : 'N' };
  return { country: ['GB', 'DE', 'FR', 'NL', 'US'][prng.int(0, 4)]! };
}

let token: { value: string; fetchedAt: number } | undefined;
async function getToken(force = false): Promise<string> {
  if (token && !force && clock.now() - token.fetchedAt < ASSUMED_TOKEN_LIFETIME_MS) return token.value;
  const id = requestId();
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'contacts:write' });
  const response = await http.post('/oauth/token', form, {
    auth: { username: tenant.clientId, password: clientSecret },
    headers: { 'X-Request-Id': id },
    timeout: 10_000,
  });
  clock.advance(prng.int(30, 90));
  log(30, 'token fetched', { requestId: id, status: response.status, expiresIn: response.data.expires_in });
  token = { value: response.data.access_token, fetchedAt: clock.now() };
  return token.value;
}

async function syncOne(id: string, changes: ContactChanges): Promise<boolean> {
  const path = `/v1/contacts/${id}`;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const authorization = `Bearer ${await getToken()}`;
    const reqId = requestId();
    log(20, `PATCH ${path}`, { contactId: id, requestId: reqId, attempt });
    try {
      const response = await http.patch(path, changes, { headers: { Authorization: authorization, 'X-Request-Id': reqId } });
      const durationMs = response.status < 300 ? prng.int(40, 260) : prng.int(3, 25);
      clock.advance(durationMs);
      if (response.status < 300) {
        log(30, 'contact updated', { contactId: id, method: 'PATCH', path, status: response.status, requestId: reqId, durationMs, attempt });
        return true;
      }
      const retryAfter = response.headers['retry-after'];
      log(50, 'request failed', {
        contactId: id,
        method: 'PATCH',
        path,
        status: response.status,
        problem: { code: response.data?.code, detail: response.data?.detail },
        ...(retryAfter ? { retryAfter } : {}),
        requestId: reqId,
        durationMs,
        attempt,
      });
      if (response.status === 401) await getToken(true);
    } catch (error) {
      if (!isAxiosError(error)) throw error;
      const timedOut = error.code === 'ECONNABORTED';
      const durationMs = timedOut ? PRODUCTION_TIMEOUT_MS : prng.int(5, 40);
      clock.advance(durationMs);
      const err = timedOut ? { code: 'ECONNABORTED', message: `timeout of ${PRODUCTION_TIMEOUT_MS}ms exceeded` } : { code: error.code, message: error.message };
      log(50, 'request failed', { contactId: id, method: 'PATCH', path, err, requestId: reqId, durationMs, attempt });
    }
    clock.advance(prng.int(2, 12));
  }
  log(50, 'giving up on contact', { contactId: id, attempts: ATTEMPTS });
  return false;
}

log(30, 'sync started', { records: RECORDS, concurrency: 1, timeoutMs: PRODUCTION_TIMEOUT_MS, attempts: ATTEMPTS });
let synced = 0;
const failed: string[] = [];
for (let index = 1; index <= RECORDS; index++) {
  clock.advance(prng.int(150, 900));
  const id = `ct_${String(index).padStart(6, '0')}`;
  if (await syncOne(id, changesFor(index))) synced++;
  else failed.push(id);
  if (index % 100 === 0) log(30, 'progress', { done: index, synced, failed: failed.length });
}
log(failed.length ? 50 : 30, failed.length ? 'sync finished with failures' : 'sync finished', { synced, failed: failed.length, failedIds: failed });

await new Promise((resolve) => setTimeout(resolve, 300));
const journal = tenant.journal.entries();
await vendor.close();

const truth: Record<Cause, string[]> = {
  'token-expired-mid-run': [],
  'rate-limited': [],
  'endpoint-hangs': [],
  'server-errors': [],
  'connection-resets': [],
  'poison-record': [],
  'invalid-credentials': [],
  'schema-drift': [],
  'truncated-responses': [],
  'dns-failures': [],
};
for (const entry of journal) {
  const cause: Cause | undefined =
    entry.status === 401 && (entry.errorCode === 'token_expired' || entry.errorCode === 'invalid_token')
      ? 'token-expired-mid-run'
      : entry.status === 429
        ? 'rate-limited'
        : entry.fault === 'hang'
          ? 'endpoint-hangs'
          : entry.status !== null && entry.status >= 500
            ? 'server-errors'
            : entry.fault === 'reset'
              ? 'connection-resets'
              : entry.status === 422
                ? 'poison-record'
                : undefined;
  if (cause) truth[cause].push(entry.requestId);
}
const text = `${lines.join('\n')}\n`;
const logged = new Set(lines.map((line) => JSON.parse(line).requestId).filter(Boolean));
const unlogged = journal.filter((e) => !logged.has(e.requestId));
if (unlogged.length > 0) throw new Error(`${unlogged.length} journaled requests are missing from the log (first: ${unlogged[0]!.requestId}).`);
const slow = journal.filter((e) => e.outcome === 'client-aborted' && e.fault !== 'hang');
if (slow.length > 0) throw new Error(`${slow.length} requests timed out without a hang (the machine is busy?); run the script again.`);

for (const [file, content] of [
  [LOG_FILE, text],
  [
    TRUTH_FILE,
    `${JSON.stringify({ seed: PRODUCTION_SEED, logFile: LOG_FILE, logSha256: createHash('sha256').update(text).digest('hex'), lines: lines.length, causes: truth }, null, 2)}\n`,
  ],
] as const) {
  mkdirSync(dirname(join(REPO_ROOT, file)), { recursive: true });
  writeFileSync(join(REPO_ROOT, file), content);
}
console.log(
  `Wrote ${relative(process.cwd(), join(REPO_ROOT, LOG_FILE))} (${lines.length} lines, ${journal.length} requests; ${synced} synced, ${failed.length} failed) and ${TRUTH_FILE}:`,
);
for (const [cause, ids] of Object.entries(truth)) console.log(`  ${cause.padEnd(22)} ${ids.length}`);
