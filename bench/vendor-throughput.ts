/**
 * `npm run bench:vendor [-- --quick] [--only throughput|memory|cold-start|profile|compare] [--baseline REF]`: how fast is Acme CRM
 * next to a bare express app and a bare node:http server answering the same page, how much memory
 * does it keep, how fast does it start. Never part of the default run: `--only profile` says where
 * the vendor's time goes, `--only compare --baseline REF` measures this checkout against a commit.
 * See bench/README.md for what each figure means. Exits non-zero only on errors (non-2xx,
 * connection errors, crashed servers), never because a target was missed.
 */
import { arch, cpus, loadavg, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBenchRun, type Verdict } from './lib/bench-run.ts';
import { killAllChildren } from './lib/children.ts';
import { mark } from './lib/format.ts';
import { measureColdStart } from './parts/cold-start.ts';
import { compareWithBaseline } from './parts/compare.ts';
import { measureMemory } from './parts/memory.ts';
import { profileVendor } from './parts/profile.ts';
import { measureThroughput, ORDER } from './parts/throughput.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['throughput', 'memory', 'cold-start', 'profile', 'compare'] as const;
type Part = (typeof PARTS)[number];
/** What a run without `--only` measures: the figures. A profile slows the server it watches. */
const DEFAULT_PARTS: readonly Part[] = ['throughput', 'memory', 'cold-start'];
const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true }, baseline: { type: 'string' } } });
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

const run = createBenchRun(ROOT, flags.quick);

async function main(): Promise<void> {
  const cpuInfo = cpus();
  console.log(`Acme CRM throughput bench${run.quick ? ' (--quick: smoke run, figures are indicative only)' : ''}`);
  console.log(`  Node ${process.version}, ${platform()} ${arch()}, ${cpuInfo.length} CPU(s) (${cpuInfo[0]?.model.trim() ?? 'unknown'})`);
  console.log(
    `  autocannon: ${run.config.connections} connections, GET ${run.config.path}, ${run.config.warmupSeconds} s warm-up (discarded) + ${run.config.measureSeconds} s measured per run,`,
  );
  console.log(`  ${run.config.rounds} rounds alternating ${ORDER.join(' → ')}; each server in its own child process, autocannon in this one.`);
  console.log(`  load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}${loadavg()[0]! > 0.5 ? '  (!) other work is running: throughput figures will be low and noisy' : ''}`);
  console.log('  "other work": CPU the rest of the machine used during a measured run (all busy time minus the server and autocannon), in cores');
  console.log('');
  const verdict: Verdict = [];
  if (wanted('throughput')) verdict.push(...(await measureThroughput(run)));
  if (wanted('memory')) verdict.push(...(await measureMemory(run)));
  if (wanted('cold-start')) verdict.push(...(await measureColdStart(run)));
  if (wanted('profile')) await profileVendor(run);
  if (wanted('compare')) await compareWithBaseline(run, flags.baseline!);

  // ---- verdict ------------------------------------------------------------------------------
  console.log(`Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; this bench alone keeps it near 2 on 2 cores)`);
  console.log('');
  console.log('Targets (informational: a missed target does not fail the run)');
  for (const { target, value, met } of verdict) console.log(`  ${target.padEnd(31)}${value.padStart(8)}   ${mark(met)}`);
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
  run.errors.push(`bench aborted: ${(error as Error).stack ?? String(error)}`);
} finally {
  killAllChildren();
}
console.log('');
if (run.errors.length > 0) {
  console.log(`FAILED: ${run.errors.length} error(s)`);
  for (const e of run.errors) console.log(`  - ${e}`);
  process.exitCode = 1;
} else {
  console.log('OK: no errors (every response 2xx, no connection errors, no crashed server)');
}
