import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { REPO_ROOT } from '../lab-manifest.ts';
import type { GradeReport } from '../report.ts';
import type { CandidateResult, SubmissionRunner } from './runner.ts';
import { scrubbedEnv } from './scrub-env.ts';
import { stageSubmission } from './workspace.ts';

const GRADE_CLI = join(REPO_ROOT, 'grader', 'cli', 'grade.ts');
const TSX_LOADER = import.meta.resolve('tsx');
/** The report comes back on this file descriptor, which the graded code's processes do not inherit. */
const REPORT_FD = 3;

/**
 * The default runner: the candidate's work copied into a fresh temporary folder, graded by
 * `grader/cli/grade.ts` in its own process group with an allow-listed environment, HOME and TMPDIR
 * in that folder, and killed (the whole group) when the time bound passes.
 *
 * What it does not do: the graded code runs as you, so it can still read any file you can read by
 * its absolute path (the project, hidden checks included) and reach the network. Use `--isolate`
 * (containers) for submissions you do not trust.
 */
export const childProcessRunner: SubmissionRunner = async (candidate, options) => {
  const started = Date.now();
  const staged = stageSubmission(candidate.dir, options.labs, options.record);
  const notes = staged.skipped.length > 0 ? [`Not copied for grading: ${staged.skipped.join(', ')}.`] : [];
  const base = { candidate: candidate.name, notes };
  try {
    const args = [
      '--import', TSX_LOADER, GRADE_CLI, ...options.labs,
      '--target', staged.labsDir, '--reporter', 'json', '--report-fd', String(REPORT_FD),
      ...(options.includeHidden ? [] : ['--no-hidden']),
      ...(staged.recordFile ? ['--takehome', staged.recordFile] : []),
      ...seedArgs(options.seeds, options.labs, staged.recordFile !== undefined),
      ...(options.onlyChecks ? ['--only-checks', JSON.stringify(options.onlyChecks)] : []),
    ];
    const outcome = await runBounded(process.execPath, args, { cwd: staged.dir, env: scrubbedEnv(staged.scratchDir), timeoutMs: options.timeoutMs });
    const durationMs = Date.now() - started;
    if (outcome.timedOut) {
      return { ...base, status: 'not-graded', notGraded: 'time-bound', durationMs, message: `Grading stopped after ${Math.round(options.timeoutMs / 1000)} s, the bound per candidate, and everything it started was killed. Every check has its own deadline inside that bound, so this is the machine or the grader (far too slow, or stuck), not a verdict on the code: grade this candidate again, with a larger --candidate-timeout on a busy machine.` };
    }
    // Feedback names the candidate's files where the candidate has them (labs/NN-slug/src/...), not in this run's temporary copy.
    const report = parseReport(outcome.report.replaceAll(`${staged.labsDir}/`, 'labs/'));
    if (!report) {
      const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
      return { ...base, status: 'not-graded', notGraded: 'grader-crashed', durationMs, message: `The grader ${how} before reporting, so nothing was graded. Code that signals or kills its own process can do this without --isolate; otherwise grade this candidate again.\n${outcome.stderr.trim().split('\n').slice(-8).join('\n')}`.trim() };
    }
    return { ...base, status: 'graded', durationMs, report: { ...report, target: candidate.dir } } satisfies CandidateResult;
  } finally {
    staged.cleanup();
  }
};

/** Seeds the record does not already carry (a candidate with no takehome.json). */
function seedArgs(seeds: Record<string, number>, labs: readonly string[], fromRecord: boolean): string[] {
  if (fromRecord) return [];
  const values = [...new Set(labs.map((lab) => seeds[lab]).filter((seed) => seed !== undefined))];
  return values.length === 1 ? ['--seed', String(values[0])] : [];
}

function parseReport(text: string): GradeReport | undefined {
  try {
    const report = JSON.parse(text) as GradeReport;
    return Array.isArray(report.labs) && typeof report.score === 'number' ? report : undefined;
  } catch {
    return undefined;
  }
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  report: string;
  stderr: string;
}

/** Runs a command in its own process group; on timeout or when it ends, kills the whole group. */
export function runBounded(command: string, args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let report = '';
    let timedOut = false;
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    (child.stdio[REPORT_FD] as Readable).on('data', (chunk: Buffer) => (report += chunk.toString()));
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    };
    let exited = false;
    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, extra = '') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ code, signal, timedOut, report, stderr: stderr + extra });
    };
    const timer = setTimeout(() => {
      if (!exited) timedOut = true;
      killGroup();
      // Something outside the group (it called setsid) may hold the pipes open: do not wait for it.
      setTimeout(() => finish(child.exitCode, child.signalCode), 2_000);
    }, options.timeoutMs);
    child.on('error', (error) => finish(null, null, `\n${error.message}`));
    child.on('exit', (code, signal) => {
      exited = true;
      killGroup();
      setTimeout(() => finish(code, signal), 5_000);
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}
