/**
 * `npm run bench:batch [-- --part candidate|shards] [--baseline REF] [--candidates 20] [--labs 01,04]`
 *
 * - `candidate`: one candidate who returned all ten labs (the reference solutions), graded the way a
 *   batch grades (`npm run grade -- --submissions`: its own process, reruns of failed checks), wall time.
 *   With `--baseline REF` the same candidate is graded by that commit first, for before/after.
 * - `shards`: a batch of `--candidates` (half solutions, half untouched starters, `--labs` each), graded
 *   as one shard, then as two shards at once (two processes, then `grade merge`) on this machine, then
 *   each shard alone, as it would run on a machine of its own: wall time and candidates per hour.
 *   Every grade must come out the same both ways. Two shards on one 2-core machine gain little (one
 *   shard already keeps both cores busy); shards pay off across machines.
 * Wall time only: grading mostly waits (backoff, deadlines), which CPU time would not show.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { baselineCheckout, BaselineError } from './lib/baseline.ts';
import { writeReturnedWork } from '../test/support/returned-work.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: { part: { type: 'string', multiple: true }, baseline: { type: 'string' }, candidates: { type: 'string', default: '20' }, labs: { type: 'string', default: '01,04' } },
});
const parts = flags.part ?? ['candidate', 'shards'];
const count = Number(flags.candidates);
if (parts.some((p) => !['candidate', 'shards'].includes(p)) || !Number.isInteger(count) || count < 2) {
  console.error('bench:batch: --part is candidate or shards; --candidates is a whole number from 2.');
  process.exit(2);
}
const labs = flags.labs!.split(',');
const work = mkdtempSync(join(tmpdir(), 'bench-batch-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function grade(root: string, args: string[]): Promise<{ seconds: number; code: number | null; stderr: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'grader/cli/grade.ts', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('close', (code) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stderr }));
  });
}

const scores = (out: string) =>
  readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').slice(0, 5).join(',')).sort().join('\n');

console.log(`batch grading on ${cpus().length} cores (load ${loadavg()[0]!.toFixed(2)}), wall seconds\n`);

if (parts.includes('candidate')) {
  const subs = join(work, 'one-candidate');
  await writeReturnedWork(subs, 'all-ten', ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'], 'solution');
  const columns: { name: string; root: string }[] = [];
  if (flags.baseline) {
    try {
      const { sha, dir } = baselineCheckout(ROOT, flags.baseline, 'grader/submissions/batch.ts');
      columns.push({ name: `baseline ${sha.slice(0, 10)}`, root: dir });
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      console.error(`bench:batch: ${error.message}`);
      process.exit(2);
    }
  }
  columns.push({ name: 'this checkout', root: ROOT });
  for (const column of columns) {
    const out = join(work, `candidate-${columns.indexOf(column)}`);
    const run = await grade(column.root, ['--submissions', subs, '--out', out]);
    const line = scores(out).split('\n').map((row) => row.split(',')[4]).join(' ');
    console.log(`one candidate, all ten labs (${column.name}): ${run.seconds.toFixed(1)} s, scores ${line}${run.code === 0 ? '' : ` (exit ${run.code})`}`);
  }
}

if (parts.includes('shards')) {
  const subs = join(work, 'batch');
  // Two of each kind in turn: dealt round robin, each shard gets as many solutions as starters.
  for (let i = 0; i < count; i++) await writeReturnedWork(subs, `cand-${String(i + 1).padStart(3, '0')}`, labs, i % 4 < 2 ? 'solution' : 'starter');
  const one = await grade(ROOT, ['--submissions', subs, '--shard', '0/1', '--out', join(work, 'one')]);
  const startedTwo = process.hrtime.bigint();
  const two = await Promise.all([0, 1].map((k) => grade(ROOT, ['--submissions', subs, '--shard', `${k}/2`, '--out', join(work, 'two', `shard-${k}`)])));
  const merged = await grade(ROOT, ['merge', join(work, 'two'), '--out', join(work, 'two-final')]);
  const twoSeconds = Number(process.hrtime.bigint() - startedTwo) / 1e9;
  // Each shard alone, as it runs on a machine of its own (this one, idle): the slower one is the wall time on two machines.
  const alone: number[] = [];
  for (const k of [0, 1]) alone.push((await grade(ROOT, ['--submissions', subs, '--shard', `${k}/2`, '--out', join(work, 'alone', `shard-${k}`)])).seconds);
  const twoMachines = Math.max(...alone) + merged.seconds;
  const perHour = (seconds: number) => Math.round((count / seconds) * 3600);
  const same = scores(join(work, 'one')) === scores(join(work, 'two-final'));
  console.log(`${count} candidates × labs ${labs.join(',')} (half solutions, half starters):`);
  console.log(`  1 shard:  ${one.seconds.toFixed(1)} s, ${perHour(one.seconds)} candidates/hour${one.code === 0 ? '' : ` (exit ${one.code})`}`);
  console.log(`  2 shards: ${twoSeconds.toFixed(1)} s (shards ${two.map((t) => t.seconds.toFixed(1)).join(' s and ')} s, merge ${merged.seconds.toFixed(1)} s), ${perHour(twoSeconds)} candidates/hour, ${(one.seconds / twoSeconds).toFixed(2)}x${[...two, merged].every((t) => t.code === 0) ? '' : ' (a run exited non-zero)'}`);
  console.log(`  2 shards, each alone (as on two machines like this one): ${alone.map((s) => s.toFixed(1)).join(' s and ')} s, so ${twoMachines.toFixed(1)} s with the merge, ${perHour(twoMachines)} candidates/hour, ${(one.seconds / twoMachines).toFixed(2)}x`);
  console.log(`  grades identical both ways: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
}
