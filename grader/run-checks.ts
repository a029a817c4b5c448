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
}

const PROJECT_SEPARATOR = ' :: ';

/**
 * Runs graded checks through vitest's Node API: one vitest project per (target, lab), so a whole
 * matrix (solutions, starters, every bad client) runs in one parallel vitest run.
 * Results are keyed by target name.
 */
export async function runChecks(options: RunChecksOptions): Promise<Map<string, LabReport[]>> {
  const byProject = new Map<string, { target: string; lab: LabManifest; modules: TestModule[]; startedAt: number }>();
  const projects = options.runs.map(({ target, lab }) => {
    const name = `${target.name}${PROJECT_SEPARATOR}${lab.id}`;
    byProject.set(name, { target: target.name, lab, modules: [], startedAt: Date.now() });
    const include = [lab.tests.visible, ...(options.includeHidden && lab.tests.hidden ? [lab.tests.hidden] : [])];
    const env = { ...target.env, ...(options.seed !== undefined ? { LAB_SEED: String(options.seed) } : {}) };
    return { test: { name, root: REPO_ROOT, include, env, testTimeout: 30_000, hookTimeout: 30_000 } };
  });
  const results = new Map<string, LabReport[]>(options.runs.map(({ target }) => [target.name, []]));

  const reporter: Reporter = {
    onTestModuleEnd(module) {
      const entry = byProject.get(module.project.name);
      if (!entry) return;
      entry.modules.push(module);
      const expected = options.includeHidden && entry.lab.tests.hidden ? 2 : 1;
      if (entry.modules.length === expected) {
        const report = toLabReport(entry.lab, entry.modules, Date.now() - entry.startedAt, options.seed);
        results.get(entry.target)!.push(report);
        options.onLabDone?.(entry.target, report);
      }
    },
  };

  const vitest = await startVitest(
    'test',
    [],
    { watch: false, config: false, root: REPO_ROOT, reporters: [reporter], projects, passWithNoTests: true } as never,
    { logLevel: 'silent' },
  );
  await vitest?.close();

  for (const [name, entry] of byProject) {
    const reports = results.get(entry.target)!;
    if (!reports.some((r) => r.id === entry.lab.id)) {
      reports.push(toLabReport(entry.lab, entry.modules, Date.now() - entry.startedAt, options.seed, `The checks for ${name} did not run.`));
    }
  }
  for (const reports of results.values()) reports.sort((a, b) => a.id.localeCompare(b.id));
  return results;
}

function toLabReport(lab: LabManifest, modules: TestModule[], durationMs: number, seed: number | undefined, error?: string): LabReport {
  const checks: CheckResult[] = [];
  const moduleErrors: string[] = [];
  for (const module of modules) {
    const hidden = basename(module.moduleId).endsWith('.hidden.test.ts');
    for (const e of module.errors()) moduleErrors.push(e.message);
    for (const test of module.children.allTests()) checks.push(toCheck(test, hidden));
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
    feedback: passed ? '' : feedback || 'The check did not run (an earlier error stopped the file).',
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}
