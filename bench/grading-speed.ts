/**
 * `npm run bench:grading [-- --baseline REF] [--only lab01|solutions|honesty]`: how long grading
 * takes, end to end, as a user runs it: lab 01's solution (`npm run grade -- 01`), all ten
 * solutions (`--target solutions`) and the honesty matrix (every solution, starter and bad client).
 * With `--baseline REF` the same commands run first in commit REF's copy (bench/lib/baseline.ts),
 * then in this checkout, on the same machine, so the two columns compare. Wall time only: grading
 * mostly waits on backoff, timeouts and the network, which CPU time would not show.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { baselineCheckout, BaselineError } from './lib/baseline.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = {
  lab01: { what: 'npm run grade -- 01 --target solutions', args: ['grader/cli/grade.ts', '01', '--target', 'solutions', '--reporter', 'json', '--out', '{out}'] },
  solutions: { what: 'npm run grade -- --target solutions (all ten)', args: ['grader/cli/grade.ts', '--target', 'solutions', '--reporter', 'json', '--out', '{out}'] },
  // Without the hostile fixtures (HONESTY_HOSTILE=0), so that both columns grade the same targets.
  honesty: { what: 'honesty matrix (solutions, starters, bad clients)', args: ['grader/cli/honesty-matrix.ts', '--out', '{out}/matrix.json'] },
} as const;
type Run = keyof typeof RUNS;

const { values: flags } = parseArgs({ options: { baseline: { type: 'string' }, only: { type: 'string', multiple: true } } });
const wanted = (flags.only ?? Object.keys(RUNS)) as Run[];
const unknown = wanted.filter((w) => !(w in RUNS));
if (unknown.length > 0) {
  console.error(`bench:grading: unknown --only ${unknown.join(', ')}. Choose from ${Object.keys(RUNS).join(', ')}.`);
  process.exit(2);
}

function timeRun(root: string, run: Run): { seconds: number; ok: boolean } {
  const out = mkdtempSync(join(tmpdir(), 'bench-grading-'));
  const args = RUNS[run].args.map((a) => a.replace('{out}', out));
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HONESTY_HOSTILE: '0' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && run !== 'lab01') process.stderr.write(result.stderr.split('\n').slice(-5).join('\n'));
  return { seconds, ok: result.status === 0 };
}

const columns: { name: string; root: string }[] = [];
if (flags.baseline) {
  try {
    const { sha, dir } = baselineCheckout(ROOT, flags.baseline, 'grader/cli/grade.ts');
    columns.push({ name: `baseline ${sha.slice(0, 10)}`, root: dir });
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    console.error(`bench:grading: ${error.message}`);
    process.exit(2);
  }
}
columns.push({ name: 'this checkout', root: ROOT });

console.log(`grading speed on ${cpus().length} cores (load ${loadavg()[0]!.toFixed(2)}), wall seconds\n`);
for (const run of wanted) {
  const cells = columns.map((column) => ({ column, ...timeRun(column.root, run) }));
  const text = cells.map((c) => `${c.column.name}: ${c.seconds.toFixed(1)} s${c.ok ? '' : ' (exit non-zero)'}`).join('   ');
  const ratio = cells.length === 2 ? `   ratio ${(cells[1]!.seconds / cells[0]!.seconds).toFixed(2)}x` : '';
  console.log(`${RUNS[run].what.padEnd(52)} ${text}${ratio}`);
}
