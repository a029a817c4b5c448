/**
 * `npm run bench:classroom [-- --only load|soak] [--gradings 50] [--minutes 10] [--tenants 200]`:
 * one vendor serving a class, in this process (started with --expose-gc, so memory is read after a
 * full collection).
 *
 * - load: `--gradings` lab gradings at once (every lab's reference solution, visible and hidden
 *   checks, in `--gradings / 10` grade processes against this vendor with a grading key): every
 *   solution must score 100%, no journal entry may land in another tenant's journal (each entry and
 *   the token it used must belong to the tenant whose journal holds it), and the vendor's RSS once
 *   the checks' tenants are deleted must be within 50 MB of before.
 * - soak: `--tenants` tenants, each a learner's client, making requests for `--minutes` (bounded:
 *   at most 100 requests per second in all, loopback only): no 5xx, and RSS flat within 50 MB
 *   between the first minute and the end. The vendor runs as a class vendor is meant to: a journal
 *   budget of 100 entries per learner (ACME_JOURNAL_BUDGET), so the journals reach their steady
 *   state within the run instead of growing for hours.
 *
 * Exit code 1 when a target is missed or a grading fails; 2 on a usage error.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { GradeReport } from '../grader/report.ts';
import { startVendor, type RunningVendor } from '../mock-vendor/server.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
const LABS_PER_GRADE = 10;

const { values: flags } = parseArgs({
  options: { only: { type: 'string' }, gradings: { type: 'string', default: '50' }, minutes: { type: 'string', default: '10' }, tenants: { type: 'string', default: '200' } },
});
const gradings = Number(flags.gradings);
const minutes = Number(flags.minutes);
const tenantCount = Number(flags.tenants);
if (![gradings, minutes, tenantCount].every((n) => Number.isFinite(n) && n > 0) || gradings % LABS_PER_GRADE !== 0 || (flags.only && !['load', 'soak'].includes(flags.only))) {
  console.error('bench:classroom: --gradings is a multiple of 10 (each grade process grades all ten labs), --minutes and --tenants are positive numbers, --only is load or soak.');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('bench:classroom reads memory after a full collection: run it as npm run bench:classroom (node --expose-gc).');
  process.exit(2);
}

function rssAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().rss;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
let failed = false;
const verdict = (ok: boolean, text: string) => {
  if (!ok) failed = true;
  console.log(`  ${ok ? 'met    ' : 'NOT MET'}  ${text}`);
};

/** Every journal entry a tenant receives, and the token it used, must be that tenant's. */
function watchForCrossTalk(running: RunningVendor): { entries: () => number; crossTalk: () => string[] } {
  const { vendor } = running;
  let entries = 0;
  const crossTalk: string[] = [];
  const create = vendor.createTenant.bind(vendor);
  vendor.createTenant = (input, options) => {
    const created = create(input, options);
    const { tenant } = created;
    tenant.journal.subscribe({
      cleared: () => {},
      entry: (entry) => {
        entries++;
        const tokenOwner = entry.tokenId ? vendor.tokens.forTenant(tenant.id).some((t) => t.jti === entry.tokenId) : true;
        if (entry.tenantId !== tenant.id || !tokenOwner) crossTalk.push(`${tenant.id} journaled ${entry.method} ${entry.path} (tenant ${entry.tenantId}, token ${entry.tokenId})`);
      },
    });
    return created;
  };
  return { entries: () => entries, crossTalk: () => crossTalk };
}

function gradeAll(url: string, key: string): Promise<{ code: number | null; report?: GradeReport; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'grader/cli/grade.ts', '--target', 'solutions', '--vendor', url, '--admin-token', key, '--reporter', 'json'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      let report: GradeReport | undefined;
      try {
        report = JSON.parse(stdout) as GradeReport;
      } catch {
        report = undefined;
      }
      resolve({ code, stderr, ...(report ? { report } : {}) });
    });
  });
}

async function load(): Promise<void> {
  const processes = gradings / LABS_PER_GRADE;
  console.log(`\nload: ${gradings} lab gradings at once (${processes} grade processes x ${LABS_PER_GRADE} labs, visible and hidden checks) against one vendor, a grading key`);
  const running = await startVendor({ log: () => {} });
  const watch = watchForCrossTalk(running);
  const { gradingKey } = running.vendor.adminKeys.createGradingKey();
  const before = rssAfterGc();
  const started = Date.now();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 500);
  const results = await Promise.all(Array.from({ length: processes }, () => gradeAll(running.url, gradingKey)));
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  await sleep(500);
  const after = rssAfterGc();
  const labs = results.flatMap((r) => r.report?.labs ?? []);
  const below = labs.filter((lab) => lab.score !== 100).map((lab) => `${lab.id} ${lab.score}%: ${lab.checks.filter((c) => c.status !== 'passed').map((c) => c.title).join('; ')}`);
  for (const r of results) if (!r.report) console.log(`  a grade process ended with ${r.code} and no report:\n${r.stderr.split('\n').slice(-6).join('\n')}`);
  console.log(`  ${labs.length} lab gradings in ${seconds.toFixed(1)} s; ${watch.entries()} journal entries watched; ${running.vendor.tenants().length} tenant(s) left`);
  console.log(`  vendor RSS: ${mb(before)} before, ${mb(peak)} at the peak, ${mb(after)} after (after a full collection)`);
  verdict(labs.length === gradings && below.length === 0, `every solution 100% (${labs.length - below.length}/${gradings})${below.length ? `: ${below.slice(0, 3).join(' | ')}` : ''}`);
  verdict(watch.crossTalk().length === 0, `no cross-talk between tenants (${watch.crossTalk().length} entries elsewhere${watch.crossTalk().length ? `, e.g. ${watch.crossTalk()[0]}` : ''})`);
  verdict(running.vendor.tenants().length === 0, 'every check deleted its tenant');
  verdict(after - before <= 50 * MB, `RSS after within 50 MB of before (${mb(after - before)})`);
  await running.close();
}

async function soak(): Promise<void> {
  const durationMs = minutes * 60_000;
  const journalBudget = tenantCount * 100;
  console.log(`\nsoak: ${tenantCount} tenants making requests for ${minutes} min (at most 100 requests/s in all, 127.0.0.1 only), journal budget ${journalBudget} entries`);
  const running = await startVendor({ log: () => {}, journalBudget });
  const empty = rssAfterGc();
  const learners = Array.from({ length: tenantCount }, (_, i) => running.vendor.createTenant({ name: `learner-${i + 1}` }));
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const tokens = new Map<string, string>();
  async function call(learner: (typeof learners)[number], n: number): Promise<void> {
    const { tenant, clientSecret } = learner;
    try {
      let token = tokens.get(tenant.id);
      if (!token || n % 50 === 0) {
        const answer = await fetch(`${running.url}/oauth/token`, {
          method: 'POST',
          headers: { Authorization: `Basic ${Buffer.from(`${tenant.clientId}:${clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'grant_type=client_credentials',
          signal: AbortSignal.timeout(5_000),
        });
        count(String(answer.status));
        token = ((await answer.json()) as { access_token: string }).access_token;
        tokens.set(tenant.id, token);
      }
      const write = n % 5 === 0;
      const answer = await fetch(`${running.url}${write ? '/v1/leads' : '/v1/contacts?limit=5'}`, {
        method: write ? 'POST' : 'GET',
        headers: { Authorization: `Bearer ${token}`, ...(write ? { 'Content-Type': 'application/json', 'Idempotency-Key': `soak-${tenant.id}-${n}` } : {}) },
        ...(write ? { body: JSON.stringify({ email: `lead-${n}@example.com`, source: 'soak' }) } : {}),
        signal: AbortSignal.timeout(5_000),
      });
      await answer.arrayBuffer();
      count(String(answer.status));
    } catch (error) {
      count(`error ${(error as Error).name}`);
    }
  }
  const started = Date.now();
  let n = 0;
  let firstMinute: number | undefined;
  const samples: number[] = [];
  let nextSample = started + 30_000;
  while (Date.now() - started < durationMs) {
    const tick = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => call(learners[n % learners.length]!, n++)));
    const spent = Date.now() - tick;
    if (spent < 100) await sleep(100 - spent);
    if (Date.now() >= nextSample) {
      samples.push(rssAfterGc());
      if (firstMinute === undefined && Date.now() - started >= 60_000) firstMinute = samples.at(-1);
      nextSample += 30_000;
    }
  }
  const end = rssAfterGc();
  const fiveHundreds = [...statuses].filter(([status]) => status.startsWith('5') || status.startsWith('error')).reduce((sum, [, c]) => sum + c, 0);
  console.log(`  ${n} API calls in ${((Date.now() - started) / 1000).toFixed(0)} s; answers: ${[...statuses].map(([s, c]) => `${s} x${c}`).join(', ')}`);
  console.log(`  vendor RSS (after a full collection, every 30 s): ${samples.map(mb).join(', ')}; end ${mb(end)}`);
  verdict(fiveHundreds === 0, `zero 5xx and no connection errors (${fiveHundreds})`);
  const base = firstMinute ?? samples[0] ?? end;
  const journaled = learners.reduce((sum, l) => sum + l.tenant.journal.size, 0);
  const records = learners.reduce((sum, l) => sum + l.tenant.data.leads.size, 0);
  console.log(`  held at the end: ${journaled} journal entries (budget ${journalBudget}, at most ${running.vendor.journalCapacity} per tenant) and ${records} leads`);
  verdict(Math.abs(end - base) <= 50 * MB, `RSS flat within 50 MB from the first minute to the end (${mb(end - base)})`);
  for (const { tenant } of learners) running.vendor.deleteTenant(tenant.id);
  await sleep(500);
  const emptied = rssAfterGc();
  verdict(emptied - empty <= 50 * MB, `RSS back within 50 MB of the empty vendor's once the class's tenants are deleted (${mb(empty)} -> ${mb(emptied)})`);
  await running.close();
}

if (!flags.only || flags.only === 'load') await load();
if (!flags.only || flags.only === 'soak') await soak();
process.exit(failed ? 1 : 0);
