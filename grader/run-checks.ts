import { basename } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { startVitest } from 'vitest/node';
import type {} from './check-meta.ts';
import { REPO_ROOT, type LabManifest } from './lab-manifest.ts';
import { labReport, type CheckResult, type LabReport } from './report.ts';

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
}

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

  const reporter: Reporter = {
    onTestModuleEnd(module) {
      const entry = byProject.get(module.project.name);
      if (!entry) return;
      entry.modules.push(module);
      const expected = options.includeHidden && entry.lab.tests.hidden ? 2 : 1;
      if (entry.modules.length !== expected) return;
      for (const target of entry.targets) {
        const inTarget = options.matrix ? (test: TestCase) => test.parent.type === 'suite' && test.parent.name === target : () => true;
        const report = toLabReport(entry.lab, entry.modules, Date.now() - entry.startedAt, options.seed, undefined, inTarget);
        results.get(target)!.push(report);
        options.onLabDone?.(target, report);
      }
    },
  };

  const vitest = await startVitest(
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
    } as never,
    { logLevel: 'silent' },
  );
  await vitest?.close();

  for (const { target, lab } of options.runs) {
    const reports = results.get(target.name)!;
    if (!reports.some((r) => r.id === lab.id)) {
      reports.push(toLabReport(lab, [], 0, options.seed, `The checks for ${lab.id} did not run against ${target.name}.`));
    }
  }
  for (const reports of results.values()) reports.sort((a, b) => a.id.localeCompare(b.id));
  return results;
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
    for (const e of module.errors()) moduleErrors.push(e.message);
    for (const test of module.children.allTests()) if (include(test)) checks.push(toCheck(test, hidden));
  }
  if (moduleErrors.length > 0) {
    for (const check of checks) if (check.status !== 'passed' && check.feedback === '') check.feedback = moduleErrors.join('\n');
  }
  const firstError = error ?? (checks.length === 0 ? moduleErrors[0] ?? 'No checks ran for this lab.' : undefined);
  return labReport({
    id: lab.id,
    title: lab.title,
    seed: seed ?? null,
    durationMs,
    checks,
    ...(firstError ? { error: firstError } : {}),
  });
}

function toCheck(test: TestCase, hidden: boolean): CheckResult {
  const meta = test.meta();
  const result = test.result();
  const maxPoints = meta.points ?? 0;
  const passed = result.state === 'passed';
  const feedback = passed ? '' : (result.errors?.map((e) => e.message).join('\n') ?? '');
  return {
    title: test.name,
    points: passed ? maxPoints : 0,
    maxPoints,
    status: passed ? 'passed' : (meta.status ?? 'error'),
    hidden,
    baseline: meta.baseline ?? false,
    feedback: passed ? (meta.note ?? '') : feedback || 'The check did not run (an earlier error stopped the file).',
    ...(meta.review ? { review: meta.review } : {}),
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}
