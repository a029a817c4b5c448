import { basename } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import { startVitest } from 'vitest/node';
import type {} from './check-meta.ts';
import { REPO_ROOT, type LabManifest } from './lab-manifest.ts';
import { labTasks } from './lab-tasks.ts';
import { judgeEssentials, labReport, NOT_RUN, type CheckResult, type LabReport } from './report.ts';
import { machineSecrets, scrub } from './scrub.ts';

/** What to grade: environment for the harness (`LAB_TARGET=solutions`, or `LAB_MODULE=path`). */
export interface GradeTarget {
  name: string;
  env: Record<string, string>;
}

export interface RunChecksOptions {
  /** Each lab to grade with the target to grade it against. */
  runs: readonly { target: GradeTarget; lab: LabManifest }[];
  includeHidden: boolean;
  /** Scenario seed for every lab; default: each lab scenario's own seed. */
  seed?: number;
  /** Called as each lab finishes for a target, for progress output. */
  onLabDone?: (target: string, lab: LabReport) => void;
  /**
   * Grade every target of a lab inside the same test files (one vitest project per lab, targets as
   * describe blocks): far less start-up per target, for big matrices such as the honesty check.
   */
  matrix?: boolean;
  /** Matrix mode: at most this many targets per test file; more files run in parallel. Default 4. */
  targetsPerFile?: number;
  /** Test files run at once. Checks mostly wait on timeouts and backoff, so more than the cores pays. */
  maxWorkers?: number;
  /**
   * Wall-time limit per lab and target, from when its first check starts. Default: the sum of
   * its checks' own time limits, a bound a healthy run never meets. Past it the run stops, and the
   * labs that did not finish report why; the others keep their results.
   */
  labTimeoutMs?: number;
  /** Run only checks with these titles (a rerun of failed checks); the others are skipped and left out. */
  onlyTitles?: readonly string[];
}

/** Time for a test file's hooks (vendor start and stop) on top of its checks' limits. */
const FILE_HOOKS_MS = 60_000;

const PROJECT_SEPARATOR = ' :: ';

/**
 * Runs graded checks through vitest's Node API: one vitest project per (target, lab), so a whole
 * matrix (solutions, starters, every bad client) runs in one parallel vitest run.
 * Results are keyed by target name.
 */
export async function runChecks(options: RunChecksOptions): Promise<Map<string, LabReport[]>> {
  const byProject = new Map<string, { targets: string[]; lab: LabManifest; modules: TestModule[]; startedAt: number }>();
  const seedEnv = options.seed !== undefined ? { LAB_SEED: String(options.seed) } : {};
  const includeOf = (lab: LabManifest) => [lab.tests.visible, ...(options.includeHidden && lab.tests.hidden ? [lab.tests.hidden] : [])];
  const project = (name: string, lab: LabManifest, env: Record<string, string>) => ({
    test: { name, root: REPO_ROOT, include: includeOf(lab), env: { ...env, ...seedEnv }, testTimeout: 30_000, hookTimeout: 30_000 },
  });
  const targetsByLab = new Map<string, { lab: LabManifest; targets: GradeTarget[] }>();
  for (const { target, lab } of options.runs) {
    const entry = targetsByLab.get(lab.id) ?? { lab, targets: [] };
    entry.targets.push(target);
    targetsByLab.set(lab.id, entry);
  }
  const perFile = options.targetsPerFile ?? 4;
  const projects = options.matrix
    ? [...targetsByLab.values()].flatMap(({ lab, targets }) =>
        chunk(targets, perFile).map((group, index) => {
          const name = `${lab.id}${PROJECT_SEPARATOR}group ${index + 1}`;
          byProject.set(name, { targets: group.map((t) => t.name), lab, modules: [], startedAt: Date.now() });
          return project(name, lab, { LAB_TARGETS: JSON.stringify(group) });
        }),
      )
    : options.runs.map(({ target, lab }) => {
        const name = `${target.name}${PROJECT_SEPARATOR}${lab.id}`;
        byProject.set(name, { targets: [target.name], lab, modules: [], startedAt: Date.now() });
        return project(name, lab, target.env);
      });
  const results = new Map<string, LabReport[]>(options.runs.map(({ target }) => [target.name, []]));

  // A matrix file holds every target as a describe block; a rerun leaves the checks it did not ask for skipped.
  const only = options.onlyTitles ? new Set(options.onlyTitles) : undefined;
  const selected = (target: string) => (test: TestCase) =>
    (!options.matrix || (test.parent.type === 'suite' && test.parent.name === target)) && (!only || only.has(test.name));
  let vitestRun: Vitest | undefined;
  const overran = new Map<string, number>();
  const collected = new Map<string, TestModule[]>();
  const clocked = new Set<string>();
  let wallLimitHit = () => {};
  const wall = new Promise<'wall'>((resolve) => (wallLimitHit = () => resolve('wall')));
  const wallTimers = new Set<NodeJS.Timeout>();
  const reporter: Reporter = {
    onInit(vitest) {
      vitestRun = vitest;
    },
    onTestModuleCollected(module) {
      collected.set(module.project.name, [...(collected.get(module.project.name) ?? []), module]);
    },
    // The clock starts with a file's first check: files wait in a queue for a worker, and vitest
    // reports a file as started and collected while it still waits.
    onTestCaseReady(test) {
      const module = test.module;
      if (clocked.has(module.moduleId)) return;
      clocked.add(module.moduleId);
      const limitMs = options.labTimeoutMs ?? [...module.children.allTests()].reduce((sum, t) => sum + (t.options.timeout ?? 30_000), FILE_HOOKS_MS);
      const timer = setTimeout(() => {
        overran.set(module.project.name, limitMs);
        wallLimitHit();
      }, limitMs);
      timer.unref();
      wallTimers.add(timer);
    },
    onTestModuleEnd(module) {
      const entry = byProject.get(module.project.name);
      if (!entry) return;
      entry.modules.push(module);
      const expected = options.includeHidden && entry.lab.tests.hidden ? 2 : 1;
      if (entry.modules.length !== expected) return;
      for (const target of entry.targets) {
        const report = toLabReport(entry.lab, entry.modules, Date.now() - entry.startedAt, options.seed, undefined, selected(target));
        results.get(target)!.push(report);
        options.onLabDone?.(target, report);
      }
    },
  };

  const run = startVitest(
    'test',
    [],
    {
      watch: false,
      config: false,
      root: REPO_ROOT,
      reporters: [reporter],
      projects,
      passWithNoTests: true,
      ...(options.maxWorkers ? { maxWorkers: options.maxWorkers } : {}),
      ...(options.onlyTitles ? { testNamePattern: titlesPattern(options.onlyTitles) } : {}),
    } as never,
    { logLevel: 'silent' },
  ).then((vitest) => vitest?.close());
  // Past a wall limit the run is abandoned where it stands (the caller should exit the process, which ends vitest's workers).
  if ((await Promise.race([run, wall])) === 'wall') void vitestRun?.close().catch(() => {});
  for (const timer of wallTimers) clearTimeout(timer);
  const overrun = (target: string, lab: LabManifest) => {
    const project = [...byProject.entries()].find(([name, entry]) => overran.has(name) && entry.lab.id === lab.id && entry.targets.includes(target));
    return project ? overran.get(project[0]) : undefined;
  };

  for (const { target, lab } of options.runs) {
    const reports = results.get(target.name)!;
    if (!reports.some((r) => r.id === lab.id)) {
      const limitMs = overrun(target.name, lab);
      const project = [...byProject.entries()].find(([, entry]) => entry.lab.id === lab.id && entry.targets.includes(target.name));
      const culprit = [...overran.keys()].map((name) => byProject.get(name)?.lab.id).find(Boolean);
      const why =
        limitMs !== undefined
          ? `Grading ${lab.id} did not finish within its wall limit of ${Math.round(limitMs / 1000)} s, so the run was stopped. Something in the run hangs beyond every check's own deadline; raise the limit with --lab-timeout SECONDS if the machine is very slow.`
          : culprit
            ? `The checks for ${lab.id} were stopped before they finished: grading ${culprit} overran its wall limit and ended the run. Grade ${lab.id} on its own: npm run grade -- ${lab.id.slice(0, 2)}`
            : `The checks for ${lab.id} did not run against ${target.name}.`;
      const modules = project && overran.size > 0 ? (collected.get(project[0]) ?? []) : [];
      const report = toLabReport(lab, modules, project ? Date.now() - project[1].startedAt : 0, options.seed, why, selected(target.name));
      reports.push(overran.size > 0 ? { ...report, stopped: 'wall-limit' } : report);
    }
  }
  for (const reports of results.values()) reports.sort((a, b) => a.id.localeCompare(b.id));
  return results;
}

/** vitest matches a check's full name (describe blocks, then the title, joined by spaces). */
function titlesPattern(titles: readonly string[]): RegExp {
  const escaped = titles.map((title) => title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:^| )(?:${escaped.join('|')})$`);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}

function toLabReport(
  lab: LabManifest,
  modules: TestModule[],
  durationMs: number,
  seed: number | undefined,
  error?: string,
  include: (test: TestCase) => boolean = () => true,
): LabReport {
  const checks: CheckResult[] = [];
  const moduleErrors: string[] = [];
  for (const module of modules) {
    const hidden = basename(module.moduleId).endsWith('.hidden.test.ts');
    for (const e of module.errors()) moduleErrors.push(stripVTControlCharacters(scrub(e.message, SECRETS)));
    for (const test of module.children.allTests()) if (include(test)) checks.push(toCheck(test, hidden));
  }
  if (moduleErrors.length > 0) {
    for (const check of checks) if (check.status !== 'passed' && check.feedback === '') check.feedback = moduleErrors.join('\n');
  }
  const setUpFailed = checks.find((c) => c.status === 'not-graded')?.feedback;
  const everyCheck = sharedFailure(checks);
  if (everyCheck) for (const check of checks) check.feedback = NOT_RUN;
  const firstError = error ?? everyCheck ?? (checks.length === 0 ? moduleErrors[0] ?? 'No checks ran for this lab.' : undefined);
  // The code under test runs only inside checks, in its sandbox: a file-level error, a lab that
  // never ran or a check that could not get its tenant is the grading's failure, not the code's.
  const infra = error ?? setUpFailed ?? moduleErrors[0] ?? (checks.length === 0 ? firstError : undefined);
  return labReport({
    id: lab.id,
    title: lab.title,
    seed: seed ?? null,
    durationMs,
    tasks: labTasks(lab.id).map((task) => {
      const note = lab.reviewedByAPerson[String(task.number)];
      return note ? { ...task, reviewedByAPerson: note } : task;
    }),
    essentials: judgeEssentials(lab.essentials, checks),
    checks,
    ...(firstError ? { error: firstError } : {}),
    ...(infra ? { notGraded: infra } : {}),
  });
}

/**
 * The one message every check failed with (code that does not load, a missing export): said once
 * for the lab instead of once per check.
 */
function sharedFailure(checks: readonly CheckResult[]): string | undefined {
  if (checks.length < 2 || checks.some((c) => c.status === 'passed')) return undefined;
  const messages = new Set(checks.map((c) => c.feedback));
  return messages.size === 1 ? [...messages][0] : undefined;
}

function toCheck(test: TestCase, hidden: boolean): CheckResult {
  const check = checkOf(test, hidden);
  // Reports are files and CI logs: no terminal escape codes (a parse error's highlighting) in them.
  const clean = (text: string) => stripVTControlCharacters(scrub(text, SECRETS));
  return { ...check, feedback: clean(check.feedback), ...(check.review ? { review: clean(check.review) } : {}) };
}

/** Every secret this machine knows, removed from every report whatever a check let through. */
const SECRETS = machineSecrets();

function checkOf(test: TestCase, hidden: boolean): CheckResult {
  const meta = test.meta();
  const result = test.result();
  const maxPoints = meta.points ?? 0;
  const passed = result.state === 'passed';
  const feedback = meta.notGraded ?? (passed ? '' : (result.errors?.map((e) => e.message).join('\n') ?? ''));
  return {
    title: test.name,
    points: passed ? maxPoints : 0,
    maxPoints,
    status: passed ? 'passed' : meta.notGraded ? 'not-graded' : (meta.status ?? 'error'),
    hidden,
    baseline: meta.baseline ?? false,
    feedback: passed ? (meta.note ?? '') : feedback || 'The check did not run (an earlier error stopped the file).',
    ...(meta.review ? { review: meta.review } : {}),
    tasks: meta.tasks ?? [],
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}
