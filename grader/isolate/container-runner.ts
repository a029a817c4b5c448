import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { findLabId, listLabIds, loadLab } from '../lab-manifest.ts';
import { labReport, summarise, type GradeReport, type LabReport } from '../report.ts';
import type { SubmissionRunner } from '../submissions/runner.ts';
import { stageSubmission } from '../submissions/workspace.ts';
import { assertDockerAnswers, docker, dockerEnv, dockerRunAttached, imageExists } from './docker.ts';
import { REPORT_MARKER } from './report-marker.ts';
import { DEFAULT_LIMITS, describeLimits, type IsolationLimits } from './limits.ts';

/** Built by `scripts/image-build.sh grader` (Dockerfile target `grader`). */
export const GRADER_IMAGE = 'integration-lab/grader:local';
/** Where the submission's labs/ folder is mounted: the grader's target. */
const SUBMISSION_MOUNT = '/app/submission';
const RECORD_MOUNT = '/app/takehome.json';
const CONTAINER_LABEL = 'org.integration-lab.isolated-grade';

export interface IsolatedGradeOptions {
  /** A folder holding `NN-slug/src/` (or `NN-slug/`) folders; mounted read-only. */
  labsDir: string;
  /** Lab ids or numbers; empty = every lab. */
  labs: readonly string[];
  includeHidden: boolean;
  seed?: number;
  /** A takehome.json with each lab's seed; mounted read-only. */
  recordFile?: string;
  /** Run only these checks (titles per lab id). */
  onlyChecks?: Record<string, string[]>;
  /** The name the report gives the target. */
  name: string;
  image?: string;
  limits?: Partial<IsolationLimits>;
}

export interface IsolatedGrade {
  /** Always there: a run stopped at a limit scores 0 for every lab, with the reason as the lab's error. */
  report: GradeReport;
  /** Why the container was stopped before it reported (wall time, memory, output), if it was. */
  stopped?: string;
  /** The grader inside ended without a report (e.g. a usage error), with what it said. */
  failed?: string;
  exitCode: number;
  oomKilled: boolean;
}

/** Checks once per process that an engine answers and the grader image is there. */
let ready: Promise<void> | undefined;
export function assertIsolationReady(image = GRADER_IMAGE): Promise<void> {
  ready ??= (async () => {
    await assertDockerAnswers();
    if (!(await imageExists(image))) {
      throw new Error(`--isolate grades inside the image ${image}, which is not built. Build it: scripts/image-build.sh grader (or docker build --target grader -t ${image} .).`);
    }
  })();
  return ready;
}

/**
 * Grades one submission inside its own container: no network (the vendor runs in-process in the
 * container, on its own loopback), read-only root filesystem, the submission mounted read-only, a
 * small writable /tmp, and memory, CPU, process and wall-time limits. Whatever the code under test
 * does, the result is a report: a run stopped at a limit scores 0 for every lab with the reason.
 */
export async function gradeInContainer(options: IsolatedGradeOptions): Promise<IsolatedGrade> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const image = options.image ?? GRADER_IMAGE;
  await assertIsolationReady(image);

  const name = `integration-lab-grade-${randomBytes(6).toString('hex')}`;
  const started = Date.now();
  let stopped: string | undefined;
  const stop = (reason: string) => {
    if (stopped) return;
    stopped = reason;
    void docker(['kill', name], { timeoutMs: 30_000 });
  };
  const timer = setTimeout(
    () => stop(`Stopped after ${limits.wallSeconds} s, the time limit for one submission: something never finishes (an endless loop, or a wait with no end). Nothing was graded.`),
    limits.wallSeconds * 1000,
  );
  removeOnExit();
  live.add(name);
  try {
    const run = await dockerRunAttached(
      [...runArguments(name, options, image, limits), ...gradeArguments(options)],
      limits.outputMb * 1024 * 1024,
      () => stop(`Stopped: printed more than ${limits.outputMb} MiB. Nothing was graded.`),
    );
    clearTimeout(timer);
    const state = await containerState(name);
    const reported = stopped ? undefined : parseReport(run.stdout.replaceAll(`${SUBMISSION_MOUNT}/`, "labs/"));
    if (!stopped && !reported && state.oomKilled) {
      stopped = `Stopped: used more than ${limits.memoryMb} MiB of memory, the limit for one submission. Something holds on to data without bound. Nothing was graded.`;
    }
    const failed = stopped || reported ? undefined : exitedWithoutReport(state.exitCode, run.stderr, limits);
    const durationMs = Date.now() - started;
    const labs = reported
      ? reported.labs.map((lab) => withMemoryNote(lab, state.oomKilled, limits))
      : failedLabs(options.labs, (stopped ?? failed)!, durationMs, !byTheCode(stopped));
    const report = summarise(options.name, labs, durationMs);
    return { report, exitCode: state.exitCode, oomKilled: state.oomKilled, ...(stopped ? { stopped } : {}), ...(failed ? { failed } : {}) };
  } finally {
    clearTimeout(timer);
    await docker(['rm', '-f', name], { timeoutMs: 30_000 });
    live.delete(name);
  }
}

/**
 * The `--isolate` runner for take-homes and `--submissions` batches (contract: grader/submissions/runner.ts):
 * the candidate's work is staged like the default runner does (only each lab's src/, no links),
 * then graded by `gradeInContainer`.
 */
export function containerRunner(limits: Partial<IsolationLimits> = {}, image = GRADER_IMAGE): SubmissionRunner {
  return async (candidate, options) => {
    const started = Date.now();
    const staged = stageSubmission(candidate.dir, options.labs, options.record);
    const notes = staged.skipped.length > 0 ? [`Not copied for grading: ${staged.skipped.join(', ')}.`] : [];
    try {
      const seeds = [...new Set(options.labs.map((lab) => options.seeds[lab]).filter((seed) => seed !== undefined))];
      const result = await gradeInContainer({
        labsDir: staged.labsDir,
        labs: options.labs,
        includeHidden: options.includeHidden,
        name: candidate.name,
        image,
        limits: { ...limits, wallSeconds: Math.max(1, Math.round(options.timeoutMs / 1000)) },
        ...(staged.recordFile ? { recordFile: staged.recordFile } : seeds.length === 1 ? { seed: seeds[0]! } : {}),
        ...(options.onlyChecks ? { onlyChecks: options.onlyChecks } : {}),
      });
      const durationMs = Date.now() - started;
      if (byTheCode(result.stopped)) return { candidate: candidate.name, status: 'graded', durationMs, message: result.stopped, report: result.report, notes };
      if (result.stopped || result.failed) {
        const notGraded = result.stopped ? 'time-bound' : 'container';
        return { candidate: candidate.name, status: 'not-graded', notGraded, durationMs, message: (result.stopped ?? result.failed)!, notes };
      }
      return { candidate: candidate.name, status: 'graded', durationMs, report: result.report, notes };
    } finally {
      staged.cleanup();
    }
  };
}

function runArguments(name: string, options: IsolatedGradeOptions, image: string, limits: IsolationLimits): string[] {
  return [
    'run', '--name', name, '--label', `${CONTAINER_LABEL}=1`,
    '--network', 'none',
    '--read-only',
    '--tmpfs', `/tmp:rw,nosuid,nodev,size=${limits.tmpMb}m,mode=1777`,
    '--mount', `type=bind,source=${options.labsDir},target=${SUBMISSION_MOUNT},readonly`,
    ...(options.recordFile ? ['--mount', `type=bind,source=${options.recordFile},target=${RECORD_MOUNT},readonly`] : []),
    '--memory', `${limits.memoryMb}m`, '--memory-swap', `${limits.memoryMb}m`,
    '--cpus', String(limits.cpus),
    '--pids-limit', String(limits.pids),
    // PID 1 (in-container.ts) keeps only what it needs to start the grader as uid 1000.
    '--user', '0:0', '--cap-drop', 'ALL', '--cap-add', 'SETUID', '--cap-add', 'SETGID', '--security-opt', 'no-new-privileges',
    '--log-driver', 'none',
    '--entrypoint', 'node',
    image,
    '--import', 'tsx', '/app/grader/isolate/in-container.ts',
  ];
}

function gradeArguments(options: IsolatedGradeOptions): string[] {
  return [
    ...options.labs,
    '--target', SUBMISSION_MOUNT,
    ...(options.includeHidden ? [] : ['--no-hidden']),
    ...(options.recordFile ? ['--takehome', RECORD_MOUNT] : []),
    ...(options.seed !== undefined ? ['--seed', String(options.seed)] : []),
    ...(options.onlyChecks ? ['--only-checks', JSON.stringify(options.onlyChecks)] : []),
  ];
}

async function containerState(name: string): Promise<{ exitCode: number; oomKilled: boolean }> {
  const result = await docker(['inspect', '--format', '{{.State.ExitCode}} {{.State.OOMKilled}}', name], { timeoutMs: 30_000 });
  const [code, oom] = result.stdout.trim().split(' ');
  return { exitCode: Number(code ?? 1), oomKilled: oom === 'true' };
}

/** Only what PID 1 printed after the marker counts (the code under test cannot write there). */
function parseReport(stdout: string): GradeReport | undefined {
  const at = stdout.indexOf(`${REPORT_MARKER}\n`);
  if (at < 0) return undefined;
  try {
    const report = JSON.parse(stdout.slice(at + REPORT_MARKER.length + 1)) as GradeReport;
    return Array.isArray(report.labs) && typeof report.score === 'number' ? report : undefined;
  } catch {
    return undefined;
  }
}

/** A worker of the grader was killed for memory while the grader itself survived and reported. */
function withMemoryNote(lab: LabReport, oomKilled: boolean, limits: IsolationLimits): LabReport {
  if (!oomKilled || (lab.maxPoints > 0 && lab.points === lab.maxPoints)) return lab;
  const reason = `Stopped: used more than ${limits.memoryMb} MiB of memory, the limit for one submission. Something holds on to data without bound.`;
  return { ...lab, error: lab.error ? `${reason} (${lab.error})` : reason };
}

function exitedWithoutReport(exitCode: number, stderr: string, limits: IsolationLimits): string {
  const said = stderr.trim().split('\n').filter((line) => line.trim() && !/^\s+at /.test(line)).slice(-4).join(' ').slice(0, 600);
  return `The grader in the container (${describeLimits(limits)}) exited with code ${exitCode} without a report${said ? `: ${said}` : ''}. Nothing was graded.`;
}

/**
 * A container stopped for memory or for flooding its output was stopped by what the code under test
 * did: that is a verdict (0, with the reason). Past the wall time (every check has its own deadline
 * inside it) or ended without a report, the grading failed: no verdict.
 */
export function byTheCode(stopped: string | undefined): boolean {
  return stopped !== undefined && !stopped.startsWith('Stopped after');
}

function failedLabs(wanted: readonly string[], reason: string, durationMs: number, notGraded: boolean): LabReport[] {
  const ids = wanted.length > 0 ? wanted.map((given) => findLabId(given) ?? given) : listLabIds();
  return ids.map((id) => {
    let title = '(unknown lab)';
    try {
      title = loadLab(id).title;
    } catch {
      // An unknown id keeps its placeholder title; the reason says what happened.
    }
    return labReport({ id, title, seed: null, durationMs, checks: [], error: reason, ...(notGraded ? { notGraded: reason } : {}) });
  });
}

/** Containers still running when the grader is interrupted are removed, not left behind. */
const live = new Set<string>();
let removing = false;
function removeOnExit(): void {
  if (removing) return;
  removing = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (live.size > 0) {
        try {
          execFileSync('docker', ['rm', '-f', ...live], { env: dockerEnv(), stdio: 'ignore', timeout: 30_000 });
        } catch {
          // Best effort on the way out.
        }
      }
      process.exit(130);
    });
  }
}
