import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../../../harness/lab-target.ts';
import type { ReportLine, TestResult } from './suite-reporter.ts';
// Type-only: keeps the setup file in take-home bundles, which follow imports.
import type {} from './suite-setup.ts';

export interface SuiteOutcome {
  /**
   * `finished`: every test file of this copy ran. `hung`: the run was stopped at its deadline
   * while this copy had been running for a long time. `not-run`: this copy never got its turn (the
   * run ran out of time first, or was cancelled because the suite fails against the working client).
   */
  state: 'finished' | 'hung' | 'not-run';
  /** Tests that ran, named `file > test`, with their first error. */
  tests: TestResult[];
  /** Errors outside tests (a file that did not load, a hook that threw). */
  errors: string[];
}

export const passes = (outcome: SuiteOutcome) =>
  outcome.state === 'finished' && outcome.errors.length === 0 && outcome.tests.length > 0 && outcome.tests.every((t) => t.state === 'passed' || t.state === 'skipped');

export interface RunOptions {
  /** The copy that must pass (the suite against the working client); it runs first. */
  gate: string;
  /** Per test, unless the suite sets its own. */
  testTimeoutMs: number;
  /** For the whole run. */
  deadlineMs: number;
  /** A copy still running this long when the deadline stops the run counts as hung. */
  hungAfterMs: number;
}

const VITEST = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const SETUP = join(import.meta.dirname, 'suite-setup.ts');
const REPORTER = join(import.meta.dirname, 'suite-reporter.ts');
/** Copies of the suite are made of everything in the target folder except these. */
const SKIP = new Set(['node_modules', '.backups', 'coverage']);

/**
 * Runs the test suite in `suiteRoot/test/` once per client: each run is a copy of the target folder
 * with `client.ts` replaced by the given source, all in one child vitest process (the grader's own
 * checks already run inside vitest, which cannot nest).
 */
export async function runSuiteAgainst(suiteRoot: string, clients: ReadonlyMap<string, string>, options: RunOptions): Promise<Map<string, SuiteOutcome>> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-09-suite-'));
  try {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const [id, source] of clients) {
      cpSync(suiteRoot, join(dir, id), { recursive: true, filter: (path) => !SKIP.has(basename(path)) });
      writeFileSync(join(dir, id, 'client.ts'), source);
    }
    const report = join(dir, 'report.jsonl');
    writeFileSync(join(dir, 'vitest.config.mjs'), configText(dir, [...clients.keys()], report, options));
    const run = await runVitest(dir, options.deadlineMs);
    const lines = existsSync(report) ? readFileSync(report, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ReportLine) : [];
    const expectedFiles = testFiles(join(suiteRoot, 'test')).length;
    const outcomes = new Map<string, SuiteOutcome>();
    for (const id of clients.keys()) {
      const mine = lines.filter((line) => line.file.startsWith(join(dir, id) + sep));
      const ended = mine.filter((line) => line.event === 'end');
      const stillRunning = mine.filter((line) => line.event === 'start' && !ended.some((end) => end.file === line.file));
      const hung = run.stoppedAt !== undefined && stillRunning.some((start) => run.stoppedAt! - start.at >= options.hungAfterMs);
      const errors = ended.flatMap((line) => line.errors);
      if (lines.length === 0 && !run.stoppedAt) errors.push(`vitest did not run the suite: ${run.stderr.trim().split('\n').slice(-6).join(' ') || 'no output'}`);
      outcomes.set(id, {
        state: ended.length >= expectedFiles ? 'finished' : hung ? 'hung' : 'not-run',
        tests: ended.flatMap((line) => line.tests.map((test) => ({ ...test, name: `${relative(join(dir, id, 'test'), line.file)} > ${test.name}` }))),
        errors,
      });
    }
    return outcomes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Test files of a suite (`*.test.ts`, `*.spec.ts`), relative to its folder. */
export function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(test|spec)\.[cm]?ts$/.test(file) && !file.split(sep).some((part) => SKIP.has(part)));
}

function configText(dir: string, order: string[], report: string, options: RunOptions): string {
  const config = {
    root: dir,
    include: ['*/test/**/*.{test,spec}.{ts,mts,cts}'],
    setupFiles: [SETUP],
    reporters: [[REPORTER, { outputFile: report, gateFolder: join(dir, options.gate) + sep }]],
    // One worker, reused across copies: msw, axios and vitest load once, not once per copy.
    pool: 'threads',
    isolate: false,
    maxWorkers: 1,
    testTimeout: options.testTimeoutMs,
    hookTimeout: options.testTimeoutMs,
    cache: false,
    watch: false,
    passWithNoTests: true,
  };
  // The gate copy first, then the mutants in the order given.
  return `const order = ${JSON.stringify(order.map((id) => join(dir, id) + sep))};
const rank = (file) => order.findIndex((prefix) => file.startsWith(prefix));
export default { test: { ...${JSON.stringify(config)}, sequence: { sequencer: class {
  async shard(files) { return files; }
  async sort(files) { return [...files].sort((a, b) => rank(a.moduleId) - rank(b.moduleId)); }
} } } };
`;
}

/** Runs vitest in `cwd`; a run past the deadline is stopped (`stoppedAt`). */
function runVitest(cwd: string, deadlineMs: number): Promise<{ stoppedAt?: number; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|LAB_|TEST$|NODE_ENV$)/.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST, 'run', '--config', join(cwd, 'vitest.config.mjs')], {
      cwd,
      env: { ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4_000)));
    let stoppedAt: number | undefined;
    const timer = setTimeout(() => {
      stoppedAt = Date.now();
      child.kill('SIGKILL');
    }, deadlineMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ ...(stoppedAt !== undefined ? { stoppedAt } : {}), stderr });
    });
  });
}
