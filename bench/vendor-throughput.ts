/**
 * `npm run bench:vendor [-- --quick] [--only throughput|memory|cold-start|profile|compare] [--baseline REF]`: how fast is Acme CRM
 * next to a bare express app and a bare node:http server answering the same page, how much memory
 * does it keep, how fast does it start. Never part of the default run: `--only profile` says where
 * the vendor's time goes, `--only compare --baseline REF` measures this checkout against a commit.
 * See bench/README.md for what each figure means. Exits non-zero only on errors (non-2xx,
 * connection errors, crashed servers), never because a target was missed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { request } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBundle } from '../scripts/bundle/vendor-bundle.mjs';
import { coldStart, type ColdStartRun } from './lib/cold-start.ts';
import { killAllChildren, spawnServer, type ServerChild } from './lib/children.ts';
import { load, problemsOf, type LoadResult } from './lib/load.ts';
import { machineCpu, otherCores } from './lib/machine.ts';
import { baselineCheckout, BaselineError } from './lib/baseline.ts';
import { summariseProfile, type CpuProfile } from './lib/profile.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['throughput', 'memory', 'cold-start', 'profile', 'compare'] as const;
type Part = (typeof PARTS)[number];
/** What a run without `--only` measures: the figures. A profile slows the server it watches. */
const DEFAULT_PARTS: readonly Part[] = ['throughput', 'memory', 'cold-start'];
const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true }, baseline: { type: 'string' } } });
const QUICK = flags.quick;
const unknownParts = (flags.only ?? []).filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknownParts.length > 0) {
  console.error(`bench: unknown --only ${unknownParts.join(', ')}. Choose from ${PARTS.join(', ')} (repeat --only for several), or leave it out for ${DEFAULT_PARTS.join(', ')}.`);
  process.exit(2);
}
if (flags.only?.includes('compare') && !flags.baseline) {
  console.error('bench: --only compare needs --baseline REF, the commit to measure this checkout against (for example --baseline HEAD~1 or --baseline main).');
  process.exit(2);
}
/** `--only cold-start` (repeatable) measures just that part, for quick before/after comparisons. */
const wanted = (part: Part) => (flags.only === undefined ? DEFAULT_PARTS.includes(part) : flags.only.includes(part));

const CONFIG = {
  connections: 50,
  warmupSeconds: QUICK ? 1 : 3,
  measureSeconds: QUICK ? 2 : 10,
  rounds: 3,
  /** Cumulative request counts at which the vendor's memory is read; growth is last minus first. */
  memoryPoints: QUICK ? [2_000, 10_000, 20_000] : [10_000, 50_000, 100_000, 200_000],
  coldRuns: QUICK ? 2 : 5,
  path: '/v1/contacts?limit=20',
};
const TARGETS = { ratioVsExpress: 0.8, vendorRps: 7_700, memoryGrowthMiB: 50, coldStartMs: 300 };
type ServerName = 'vendor' | 'express' | 'node';
const ORDER: ServerName[] = ['vendor', 'express', 'node'];

const errors: string[] = [];
const MiB = 1024 * 1024;

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const fmtUs = (micros: number) => `${micros.toFixed(0)} µs`;
const fmtPct = (x: number) => `${(x * 100).toFixed(0)}%`;
const fmtCores = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(2)} cores`);
const fmtMiB = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const mark = (met: boolean) => (met ? 'MET' : 'NOT MET');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function table(header: string[], rows: string[][], rightAlign: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('   ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].map((l) => `  ${l.trimEnd()}`).join('\n');
}

/** One GET with the full raw response: status, header bytes (as received) and the body. */
function fetchRaw(url: string, headers: Record<string, string>): Promise<{ status: number; headerBytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => {
        let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) headerBytes += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length;
        resolve({ status: res.statusCode ?? 0, headerBytes, body: Buffer.concat(chunks) });
      });
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.once('error', reject);
    req.end();
  });
}

function checkRun(label: string, result: LoadResult): void {
  for (const problem of problemsOf(result)) {
    errors.push(`${label}: ${problem}`);
    console.log(`  !! ERROR ${label}: ${problem}`);
  }
}

const tsxArgs = (file: string) => ['--import', 'tsx', join(ROOT, file)];

const builtServers = new Map<string, Promise<string>>();
/**
 * A server child's entry as `npm start` runs the vendor: bundled by esbuild (scripts/bundle/),
 * started with plain node. All three servers are bundled alike, so none pays for tsx (whose
 * `keepNames` helper runs for every closure a request creates) and none is favoured.
 */
async function bundledArgs(file: string): Promise<string[]> {
  if (!builtServers.has(file)) {
    const outfile = join(ROOT, 'bench/.out/servers', file.replace(/^bench\/servers\//, '').replace(/\.ts$/, '.mjs'));
    builtServers.set(file, buildBundle({ entry: join(ROOT, file), outfile, format: 'esm' }));
  }
  return [await builtServers.get(file)!];
}

async function main(): Promise<void> {
  const cpuInfo = cpus();
  console.log(`Acme CRM throughput bench${QUICK ? ' (--quick: smoke run, figures are indicative only)' : ''}`);
  console.log(`  Node ${process.version}, ${platform()} ${arch()}, ${cpuInfo.length} CPU(s) (${cpuInfo[0]?.model.trim() ?? 'unknown'})`);
  console.log(
    `  autocannon: ${CONFIG.connections} connections, GET ${CONFIG.path}, ${CONFIG.warmupSeconds} s warm-up (discarded) + ${CONFIG.measureSeconds} s measured per run,`,
  );
  console.log(`  ${CONFIG.rounds} rounds alternating ${ORDER.join(' → ')}; each server in its own child process, autocannon in this one.`);
  console.log(`  load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}${loadavg()[0]! > 0.5 ? '  (!) other work is running: throughput figures will be low and noisy' : ''}`);
  console.log('  "other work": CPU the rest of the machine used during a measured run (all busy time minus the server and autocannon), in cores');
  console.log('');
  const verdict: { target: string; value: string; met: boolean }[] = [];
  if (wanted('throughput')) verdict.push(...(await measureThroughput()));
  if (wanted('memory')) verdict.push(...(await measureMemory()));
  if (wanted('cold-start')) verdict.push(...(await measureColdStart()));
  if (wanted('profile')) await profileVendor();
  if (wanted('compare')) await compareWithBaseline(flags.baseline!);

  // ---- verdict ------------------------------------------------------------------------------
  console.log(`Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; this bench alone keeps it near 2 on 2 cores)`);
  console.log('');
  console.log('Targets (informational: a missed target does not fail the run)');
  for (const { target, value, met } of verdict) console.log(`  ${target.padEnd(31)}${value.padStart(8)}   ${mark(met)}`);
}

type Verdict = { target: string; value: string; met: boolean }[];

async function measureThroughput(): Promise<Verdict> {
  // ---- servers ------------------------------------------------------------------------------
  const servers = new Map<ServerName, ServerChild>();
  const vendor = await spawnServer({ name: 'vendor', args: await bundledArgs('bench/servers/vendor.ts'), cwd: ROOT });
  servers.set('vendor', vendor);
  const token = vendor.info.token!;
  const auth = { authorization: `Bearer ${token}` };
  const first = await fetchRaw(`${vendor.info.url}${CONFIG.path}`, auth);
  if (first.status !== 200) throw new Error(`vendor preflight: GET ${CONFIG.path} answered ${first.status}: ${first.body.toString('utf8').slice(0, 300)}`);
  const pageJson = first.body.toString('utf8');
  const contacts = (JSON.parse(pageJson) as { data: unknown[] }).data.length;
  if (contacts !== 20) throw new Error(`vendor preflight: expected a 20-contact page, got ${contacts}`);

  for (const [name, file] of [['express', 'bench/servers/express.ts'], ['node', 'bench/servers/node-http.ts']] as const) {
    servers.set(name, await spawnServer({ name, args: await bundledArgs(file), cwd: ROOT, init: { type: 'init', json: pageJson } }));
  }
  const headerBytes = new Map<ServerName, number>([['vendor', first.headerBytes]]);
  for (const name of ['express', 'node'] as const) {
    const res = await fetchRaw(`${servers.get(name)!.info.url}${CONFIG.path}`, auth);
    if (res.status !== 200 || !res.body.equals(first.body)) {
      throw new Error(`${name} preflight: status ${res.status}, body ${res.body.equals(first.body) ? 'identical' : 'DIFFERENT'} to the vendor's`);
    }
    headerBytes.set(name, res.headerBytes);
  }
  console.log('Servers');
  console.log(
    `  vendor   ${vendor.info.url}  pid ${vendor.info.pid}  tenant ${String(vendor.info['tenantId'])} on scenario bench-calm (calm + rate limit 1e9/s),`,
  );
  console.log(`           journal on, fault engine on: ${(vendor.info['rules'] as string[]).length} rules tested per request (${(vendor.info['rules'] as string[]).join(', ')}), none matches,`);
  console.log('           bearer token from POST /oauth/token (client_secret_basic)');
  console.log(`  express  ${servers.get('express')!.info.url}  pid ${servers.get('express')!.info.pid}  express 5, res.json(page) (object parsed once from the vendor's page), etag and x-powered-by off as in the vendor`);
  console.log(`  node     ${servers.get('node')!.info.url}  pid ${servers.get('node')!.info.pid}  node:http, the vendor's page as one pre-serialised Buffer`);
  console.log(
    `  Response: body ${fmtInt(first.body.length)} bytes, byte-identical on all three; headers ${ORDER.map((n) => `${n} ${headerBytes.get(n)} B`).join(', ')}`,
  );
  console.log('');

  // ---- throughput ---------------------------------------------------------------------------
  const runs = new Map<ServerName, LoadResult[]>(ORDER.map((n) => [n, []]));
  const cpu = new Map<ServerName, { perRequest: number; busy: number; others: number | undefined }[]>(ORDER.map((n) => [n, []]));
  const non2xxTotal = new Map<ServerName, number>(ORDER.map((n) => [n, 0]));
  for (let round = 1; round <= CONFIG.rounds; round++) {
    console.log(`Round ${round}/${CONFIG.rounds}`);
    for (const name of ORDER) {
      const server = servers.get(name)!;
      const url = `${server.info.url}${CONFIG.path}`;
      const common = { url, headers: auth, connections: CONFIG.connections };
      const warm = await load({ ...common, duration: CONFIG.warmupSeconds, maxSeconds: CONFIG.warmupSeconds + 30 });
      checkRun(`${name} round ${round} warm-up`, warm);
      const before = await server.stats();
      const machineBefore = machineCpu();
      const selfBefore = process.cpuUsage();
      const wallStart = performance.now();
      const result = await load({ ...common, duration: CONFIG.measureSeconds, maxSeconds: CONFIG.measureSeconds + 30 });
      const wallMicros = (performance.now() - wallStart) * 1000;
      const self = process.cpuUsage(selfBefore);
      const machineAfter = machineCpu();
      const cpuMicros = (await server.stats()).cpuMicros - before.cpuMicros;
      const others = otherCores(machineBefore, machineAfter, cpuMicros + self.user + self.system, wallMicros);
      const cpuNow = { perRequest: cpuMicros / Math.max(1, result.total), busy: cpuMicros / wallMicros, others };
      cpu.get(name)!.push(cpuNow);
      checkRun(`${name} round ${round}`, result);
      if (server.crashed) errors.push(server.crashed);
      non2xxTotal.set(name, non2xxTotal.get(name)! + warm.non2xx + result.non2xx);
      runs.get(name)!.push(result);
      console.log(
        `  ${name.padEnd(7)} ${fmtInt(result.requestsPerSecond).padStart(7)} req/s  p50 ${fmtMs(result.p50Ms).padStart(8)}  p99 ${fmtMs(result.p99Ms).padStart(8)}  ${fmtInt(result.total).padStart(8)} requests  server CPU ${fmtUs(cpuNow.perRequest).padStart(6)}/req (${fmtPct(cpuNow.busy)} of a core)  other work ${fmtCores(cpuNow.others)}  status ${JSON.stringify(result.statusCodes)}`,
      );
    }
  }
  const rss = new Map<ServerName, number>();
  for (const name of ORDER) rss.set(name, (await servers.get(name)!.stats()).rss);
  for (const server of servers.values()) await server.stop();
  console.log('');

  const cpuPerRequest = (n: ServerName) => median(cpu.get(n)!.map((c) => c.perRequest));
  const best = new Map<ServerName, LoadResult>(
    ORDER.map((n) => [n, runs.get(n)!.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a))]),
  );
  console.log(`Throughput: best of ${CONFIG.rounds} rounds per server (the round with the highest req/s, and that round's p99)`);
  console.log(
    table(
      ['server', 'req/s (avg)', 'p99 latency', 'non-2xx', 'req/s each round', 'server CPU/request', 'RSS after', 'other work in best round'],
      ORDER.map((n) => [
        n,
        fmtInt(best.get(n)!.requestsPerSecond),
        fmtMs(best.get(n)!.p99Ms),
        String(non2xxTotal.get(n)),
        runs.get(n)!.map((r) => fmtInt(r.requestsPerSecond)).join(' / '),
        fmtUs(cpuPerRequest(n)),
        fmtMiB(rss.get(n)!),
        fmtCores(cpu.get(n)![runs.get(n)!.indexOf(best.get(n)!)]?.others),
      ]),
      [false, true, true, true, true, true, true, true],
    ),
  );
  console.log('  (server CPU/request: median over the rounds of the server process\'s user+system CPU time divided by the requests answered)');
  const vendorRps = best.get('vendor')!.requestsPerSecond;
  // Per round, express's run right after the vendor's: a pair sees about the same machine, so the
  // median of the pairs' ratios holds better than a ratio of medians when the machine drifts.
  const cpuRatioExpress = median(cpu.get('vendor')!.map((v, round) => cpu.get('express')![round]!.perRequest / v.perRequest));
  const ratioExpress = vendorRps / best.get('express')!.requestsPerSecond;
  const ratioNode = vendorRps / best.get('node')!.requestsPerSecond;
  console.log('');
  console.log(`  vendor/express = ${ratioExpress.toFixed(2)}   target ≥ ${TARGETS.ratioVsExpress.toFixed(2)}: ${mark(ratioExpress >= TARGETS.ratioVsExpress)}`);
  console.log(`  vendor/node    = ${ratioNode.toFixed(2)}   (no target: how much of the machine's HTTP ceiling the vendor reaches)`);
  console.log(`  by CPU cost    = ${cpuRatioExpress.toFixed(2)}   (express CPU/request ÷ vendor CPU/request, median over rounds: the ratio if each had a core to itself; less sensitive to other work, not immune)`);
  console.log(`  vendor req/s   = ${fmtInt(vendorRps)}   target > ${fmtInt(TARGETS.vendorRps)}: ${mark(vendorRps > TARGETS.vendorRps)}`);
  console.log('');
  return [
    { target: `vendor/express ≥ ${TARGETS.ratioVsExpress}`, value: ratioExpress.toFixed(2), met: ratioExpress >= TARGETS.ratioVsExpress },
    { target: `vendor > ${fmtInt(TARGETS.vendorRps)} req/s`, value: fmtInt(vendorRps), met: vendorRps > TARGETS.vendorRps },
  ];
}

/**
 * This checkout's vendor against the one at `ref`, with express beside them as a yardstick: many
 * short runs, alternating, so both vendors meet the same moods of a shared machine. The figure
 * that counts is CPU per request, compared within each round.
 */
async function compareWithBaseline(ref: string): Promise<void> {
  let baseline: { sha: string; dir: string };
  try {
    baseline = baselineCheckout(ROOT, ref);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    errors.push(error.message);
    console.log(`  !! ${error.message}`);
    return;
  }
  const rounds = QUICK ? 3 : 8;
  const seconds = QUICK ? 1 : 3;
  const baselineBundle = await buildBundle({
    entry: join(baseline.dir, 'bench/servers/vendor.ts'),
    outfile: join(ROOT, 'bench/.out/servers', `vendor-${baseline.sha.slice(0, 12)}.mjs`),
    format: 'esm',
  });
  const children = new Map<string, ServerChild>();
  children.set('baseline', await spawnServer({ name: 'baseline', args: [baselineBundle], cwd: baseline.dir }));
  children.set('current', await spawnServer({ name: 'current', args: await bundledArgs('bench/servers/vendor.ts'), cwd: ROOT }));
  const first = await fetchRaw(`${children.get('current')!.info.url}${CONFIG.path}`, { authorization: `Bearer ${children.get('current')!.info.token!}` });
  children.set('express', await spawnServer({ name: 'express', args: await bundledArgs('bench/servers/express.ts'), cwd: ROOT, init: { type: 'init', json: first.body.toString('utf8') } }));
  const names = [...children.keys()];
  // Each vendor checks its own token; express is sent one too, as in the throughput runs.
  const auth = (child: ServerChild) => ({ authorization: `Bearer ${child.info.token ?? children.get('current')!.info.token!}` });
  const common = (child: ServerChild) => ({ url: `${child.info.url}${CONFIG.path}`, headers: auth(child), connections: CONFIG.connections });

  console.log(`Compare: this checkout against ${ref} (${baseline.sha.slice(0, 12)}), ${rounds} rounds of ${seconds} s each, alternating ${names.join(' → ')}, after a ${CONFIG.warmupSeconds} s warm-up each`);
  for (const [name, child] of children) checkRun(`compare ${name} warm-up`, await load({ ...common(child), duration: CONFIG.warmupSeconds, maxSeconds: CONFIG.warmupSeconds + 30 }));
  const cpu = new Map<string, number[]>(names.map((n) => [n, []]));
  const rps = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, child] of children) {
      const before = await child.stats();
      const result = await load({ ...common(child), duration: seconds, maxSeconds: seconds + 30 });
      checkRun(`compare ${name} round ${round}`, result);
      cpu.get(name)!.push(((await child.stats()).cpuMicros - before.cpuMicros) / Math.max(1, result.total));
      rps.get(name)!.push(result.requestsPerSecond);
    }
  }
  for (const child of children.values()) await child.stop();
  const perRound = (a: string, b: string) => median(cpu.get(a)!.map((c, i) => c / cpu.get(b)![i]!));
  console.log(
    table(
      ['server', 'CPU/request (median)', 'req/s (median)', 'CPU/request each round'],
      names.map((n) => [n, fmtUs(median(cpu.get(n)!)), fmtInt(median(rps.get(n)!)), cpu.get(n)!.map((c) => c.toFixed(0)).join(' ')]),
      [false, true, true, false],
    ),
  );
  console.log('');
  console.log(`  current ÷ baseline, CPU per request: ${perRound('current', 'baseline').toFixed(2)}   (median of the per-round ratios; below 1 means this checkout is cheaper)`);
  console.log(`  CPU per request ÷ express's: baseline ${perRound('baseline', 'express').toFixed(2)}, current ${perRound('current', 'express').toFixed(2)}`);
  console.log('');
}

/**
 * The vendor child under V8's sampling profiler, loaded as in the throughput runs, from an
 * unminified bundle so that every sample names its function and source module. Prints where the
 * time went and leaves the `.cpuprofile` for Chrome DevTools.
 */
async function profileVendor(): Promise<void> {
  const dir = join(ROOT, 'bench/.out/profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bundle = await buildBundle({
    entry: join(ROOT, 'bench/servers/vendor.ts'),
    outfile: join(ROOT, 'bench/.out/servers/vendor-unminified.mjs'),
    format: 'esm',
    minify: false,
  });
  const vendor = await spawnServer({ name: 'vendor', args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, bundle], cwd: ROOT });
  const common = { url: `${vendor.info.url}${CONFIG.path}`, headers: { authorization: `Bearer ${vendor.info.token!}` }, connections: CONFIG.connections };
  checkRun('profile warm-up', await load({ ...common, duration: CONFIG.warmupSeconds, maxSeconds: CONFIG.warmupSeconds + 30 }));
  const before = await vendor.stats();
  const result = await load({ ...common, duration: CONFIG.measureSeconds, maxSeconds: CONFIG.measureSeconds + 30 });
  const cpuMicros = (await vendor.stats()).cpuMicros - before.cpuMicros;
  checkRun('profile run', result);
  await vendor.stop();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) {
    errors.push(`profile: the vendor wrote no .cpuprofile into ${relative(ROOT, dir)}`);
    return;
  }
  const summary = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, bundle);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`Profile: the vendor under --cpu-prof (unminified bundle; sampling costs it some speed), ${CONFIG.measureSeconds} s measured after ${CONFIG.warmupSeconds} s warm-up`);
  console.log(`  ${fmtInt(result.requestsPerSecond)} req/s, server CPU ${fmtUs(cpuMicros / Math.max(1, result.total))}/req; ${fmtInt(summary.sampledMs)} ms sampled, of which idle ${pct(summary.idleFraction)}`);
  console.log('  Self time by function (share of all samples; "writev" and "(garbage collector)" are the kernel write and V8):');
  for (const { name, fraction } of summary.byFunction) console.log(`    ${pct(fraction).padStart(6)}  ${name}`);
  console.log('  Self time by source module:');
  for (const { name, fraction } of summary.byModule) console.log(`    ${pct(fraction).padStart(6)}  ${name}`);
  console.log(`  Profile for Chrome DevTools (Performance → Load profile): ${relative(ROOT, join(dir, file))}`);
  console.log('');
}

async function measureMemory(): Promise<Verdict> {
  // ---- memory -------------------------------------------------------------------------------
  const memFirst = CONFIG.memoryPoints[0]!;
  const memTotal = CONFIG.memoryPoints.at(-1)!;
  console.log(`Memory: a fresh vendor process (--expose-gc), read after ${CONFIG.memoryPoints.map(fmtInt).join(', ')} requests (autocannon amount, ${CONFIG.connections} connections)`);
  const memVendor = await spawnServer({ name: 'vendor-mem', args: ['--expose-gc', ...(await bundledArgs('bench/servers/vendor.ts'))], cwd: ROOT });
  const memUrl = `${memVendor.info.url}${CONFIG.path}`;
  const memAuth = { authorization: `Bearer ${memVendor.info.token!}` };
  const points: { label: string; requests: number; report: Awaited<ReturnType<ServerChild['stats']>> }[] = [];
  points.push({ label: 'idle (tenant + token)', requests: 0, report: await memVendor.stats(true) });
  let sent = 0;
  for (const target of CONFIG.memoryPoints) {
    const amount = target - sent;
    const result = await load({ url: memUrl, headers: memAuth, connections: CONFIG.connections, amount, maxSeconds: 180 });
    checkRun(`memory run to ${fmtInt(target)}`, result);
    if (result.total !== amount) errors.push(`memory run to ${fmtInt(target)}: sent ${result.total} requests, expected ${amount}`);
    sent += result.total;
    points.push({ label: `after ${fmtInt(target)} requests`, requests: sent, report: await memVendor.stats(true) });
  }
  if (memVendor.crashed) errors.push(memVendor.crashed);
  await memVendor.stop();
  console.log(
    table(
      ['point', 'RSS', 'RSS after full GC', 'V8 heap used / committed after GC', 'external after GC', 'journal entries (capacity, dropped)'],
      points.map((p) => [
        p.label,
        fmtMiB(p.report.rss),
        p.report.rssAfterGc === null ? 'n/a' : fmtMiB(p.report.rssAfterGc),
        p.report.heapUsedAfterGc === null || p.report.heapTotalAfterGc === null ? 'n/a' : `${fmtMiB(p.report.heapUsedAfterGc)} / ${fmtMiB(p.report.heapTotalAfterGc)}`,
        p.report.externalAfterGc === null ? 'n/a' : fmtMiB(p.report.externalAfterGc),
        `${fmtInt(p.report.extra['journalSize'] ?? 0)} (${fmtInt(p.report.extra['journalCapacity'] ?? 0)}, ${fmtInt(p.report.extra['journalDropped'] ?? 0)})`,
      ]),
      [false, true, true, true, true, true],
    ),
  );
  const at10k = points[1]!;
  const atEnd = points.at(-1)!;
  const growth = atEnd.report.rss - at10k.report.rss;
  const heapGrowth = (atEnd.report.heapUsedAfterGc ?? 0) - (at10k.report.heapUsedAfterGc ?? 0);
  console.log('');
  console.log(
    `  RSS growth ${fmtInt(memFirst)} → ${fmtInt(memTotal)} requests: ${fmtMiB(growth)}   target < ${TARGETS.memoryGrowthMiB} MiB: ${mark(growth < TARGETS.memoryGrowthMiB * MiB)}   (heap used after GC: ${heapGrowth >= 0 ? '+' : ''}${fmtMiB(heapGrowth)})`,
  );
  console.log('');
  return [{ target: `memory growth < ${TARGETS.memoryGrowthMiB} MiB`, value: fmtMiB(growth), met: growth < TARGETS.memoryGrowthMiB * MiB }];
}

async function measureColdStart(): Promise<Verdict> {
  // ---- cold start ---------------------------------------------------------------------------
  const coldPath = '/.well-known/oauth-authorization-server';
  console.log(`Cold start: spawn of a fresh vendor process → end of its first HTTP answer (GET ${coldPath}), ${CONFIG.coldRuns} runs each`);
  const coldRows: string[][] = [];
  const coldMedians: { label: string; ms: number }[] = [];
  const coldRun = async (label: string, args: string[]) => {
    const results: ColdStartRun[] = [];
    for (let i = 0; i < CONFIG.coldRuns; i++) {
      try {
        const r = await coldStart(args, ROOT, coldPath);
        if (r.status !== 200) errors.push(`cold start ${label}: first answer was ${r.status}`);
        results.push(r);
      } catch (error) {
        errors.push(`cold start ${label}: ${(error as Error).message}`);
        console.log(`  !! ERROR cold start ${label}: ${(error as Error).message}`);
      }
    }
    if (results.length === 0) return;
    const ms = results.map((r) => r.ms);
    coldMedians.push({ label, ms: median(ms) });
    const childMedian = (pick: (r: ColdStartRun) => number | undefined) => {
      const values = results.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? fmtMs(median(values)) : 'n/a';
    };
    coldRows.push([
      label,
      fmtMs(median(ms)),
      fmtMs(Math.min(...ms)),
      fmtMs(Math.max(...ms)),
      childMedian((r) => r.modulesLoadedMs),
      childMedian((r) => r.listeningMs),
      ms.map((m) => Math.round(m)).join(', '),
    ]);
  };
  await coldRun('tsx: node --import tsx bench/servers/vendor-cold.ts', tsxArgs('bench/servers/vendor-cold.ts'));
  const bundle = join(ROOT, 'bench/.out/vendor-cold.cjs');
  const built = performance.now();
  await buildBundle({ entry: join(ROOT, 'bench/servers/vendor-cold.ts'), outfile: bundle });
  console.log(`  bundle: ${relative(ROOT, bundle)} built in ${fmtMs(performance.now() - built)} by scripts/bundle/vendor-bundle.mjs (what npm start runs)`);
  await coldRun(`bundle: node ${relative(ROOT, bundle)}`, [bundle]);
  // The first run saves V8's code cache beside the bundle; the runs measured here use it, as every npm start after the first does.
  const cached = ['--input-type=module', '-e', `import { runWithCodeCache } from ${JSON.stringify(join(ROOT, 'scripts/bundle/code-cache.mjs'))}; runWithCodeCache(${JSON.stringify(bundle)});`];
  await coldStart(cached, ROOT, coldPath);
  await coldRun('cached: bundle + V8 code cache (npm start)', cached);
  console.log(table(['entry', 'median', 'min', 'max', 'imports done*', 'listening*', 'all runs (ms)'], coldRows, [false, true, true, true, true, true, false]));
  console.log('  * median, as the child saw it: ms from its own process start (so without the spawn itself) to the end of its imports / to listening');
  console.log('');
  for (const { label, ms } of coldMedians) {
    console.log(`  ${label.split(':')[0]!.padEnd(6)} median ${fmtMs(ms)}   target < ${TARGETS.coldStartMs} ms: ${mark(ms < TARGETS.coldStartMs)}`);
  }
  console.log('');
  return coldMedians.map(({ label, ms }) => ({ target: `cold start < ${TARGETS.coldStartMs} ms (${label.split(':')[0]!})`, value: fmtMs(ms), met: ms < TARGETS.coldStartMs }));
}

const hardStop = setTimeout(() => {
  console.error('bench: hard time limit (15 min) reached, giving up');
  killAllChildren();
  process.exit(2);
}, 15 * 60_000);
hardStop.unref();

try {
  await main();
} catch (error) {
  errors.push(`bench aborted: ${(error as Error).stack ?? String(error)}`);
} finally {
  killAllChildren();
}
console.log('');
if (errors.length > 0) {
  console.log(`FAILED: ${errors.length} error(s)`);
  for (const e of errors) console.log(`  - ${e}`);
  process.exitCode = 1;
} else {
  console.log('OK: no errors (every response 2xx, no connection errors, no crashed server)');
}
