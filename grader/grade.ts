import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { findLabId, listLabIds, loadLab, type LabManifest } from './lab-manifest.ts';
import { labReport, summarise, type GradeReport, type LabReport } from './report.ts';
import type { GradeTarget } from './run-checks.ts';
import { defaultSeed } from './seeds.ts';
import { ownTakehomeSeeds } from './takehome/record.ts';

export interface GradeOptions {
  /** Lab ids or numbers; empty = every lab. */
  labs: string[];
  /** `labs`, `solutions`, `starters`, or a folder of `NN-slug/` submissions. */
  target: string;
  includeHidden: boolean;
  seed?: number;
  /**
   * Scenario seed per lab id (a take-home's `takehome.json`); `seed` overrides them. Default when
   * grading your own work (`labs`): the seeds of the take-home bundle this project is, if it is one.
   */
  seeds?: Readonly<Record<string, number>>;
  onLabDone?: (lab: LabReport) => void;
  /** Wall-time limit per lab (run-checks.ts); default: the sum of its checks' own limits. */
  labTimeoutMs?: number;
  /** Grade against this vendor instead of one started in-process per test file (labs that allow it). */
  vendor?: { url: string; adminToken: string };
  /** Only these checks (titles per lab id), in only those labs: a batch's rerun of the checks that failed. */
  onlyChecks?: Readonly<Record<string, readonly string[]>>;
  /** Test files run at once (default: the grader's own choice, see GRADING_WORKERS). */
  workers?: number;
}

/**
 * Test files graded at once. A lab's checks mostly wait (backoff, deadlines, Acme's faults), so on
 * 2 cores four files at once finish a candidate's ten labs in about half the time of one after another;
 * every check judges from Acme's journal and its own clock, never from how fast the machine is.
 */
export const GRADING_WORKERS = 4;

/** Turns `--target` into what the harness reads; a folder that does not exist is a usage error. */
export function gradeTarget(target: string): GradeTarget {
  if (['labs', 'solutions', 'starters'].includes(target)) return { name: target, env: { LAB_TARGET: target } };
  const folder = resolve(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`--target "${target}" is neither labs, solutions nor an existing folder. Give a folder that holds NN-slug/ submissions.`);
  }
  return { name: folder, env: { LAB_TARGET: folder } };
}

/** What the harness reads to check against a remote vendor (test/harness/vendor-mode.ts). */
function withVendor(target: GradeTarget, vendor: GradeOptions['vendor']): GradeTarget {
  return vendor ? { name: target.name, env: { ...target.env, LAB_VENDOR_URL: vendor.url, LAB_VENDOR_ADMIN_TOKEN: vendor.adminToken } } : target;
}

export class UsageError extends Error {}

/**
 * Grades labs for one target. An unknown lab id is a usage error; a lab that cannot be graded (a bad
 * manifest) scores 0 with a message, and the others are still graded.
 */
export async function grade(options: GradeOptions): Promise<GradeReport> {
  const started = Date.now();
  const target = withVendor(gradeTarget(options.target), options.vendor);
  const wanted = options.onlyChecks ? Object.keys(options.onlyChecks) : options.labs.length > 0 ? options.labs : listLabIds();
  const unknown = wanted.filter((given) => !findLabId(given));
  if (unknown.length > 0) {
    throw new UsageError(`There is no lab ${unknown.map((u) => `"${u}"`).join(', ')}. The labs are ${listLabIds().join(', ')}: give the number (npm run grade -- 01) or the id.`);
  }
  const labs: LabManifest[] = [];
  const unusable: LabReport[] = [];
  for (const id of wanted.map((given) => findLabId(given)!)) {
    try {
      labs.push(loadLab(id));
    } catch (error) {
      const report = labReport({ id, title: '(lab that cannot be read)', seed: null, durationMs: 0, checks: [], error: (error as Error).message });
      unusable.push(report);
      options.onLabDone?.(report);
    }
  }
  // vitest is loaded only when there is something to grade: usage errors answer at once.
  const { runChecks } = await import('./run-checks.ts');
  const seeds = options.seeds ?? (options.target === 'labs' ? ownTakehomeSeeds() : {});
  const withLabSeed = (lab: LabManifest): GradeTarget =>
    seeds[lab.id] === undefined ? target : { name: target.name, env: { ...target.env, LAB_SEED: String(seeds[lab.id]) } };
  const results = labs.length === 0 ? new Map<string, LabReport[]>() : await runChecks({
    runs: labs.map((lab) => ({ target: withLabSeed(lab), lab })),
    includeHidden: options.includeHidden,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.labTimeoutMs !== undefined ? { labTimeoutMs: options.labTimeoutMs } : {}),
    ...(options.onlyChecks ? { onlyTitles: Object.values(options.onlyChecks).flat() } : {}),
    maxWorkers: options.workers ?? GRADING_WORKERS,
    onLabDone: (_target, report) => options.onLabDone?.(withSeed(report, labs, seeds)),
  });
  const graded = (results.get(target.name) ?? []).map((report) => withSeed(report, labs, seeds));
  const all = [...graded, ...unusable].sort((a, b) => a.id.localeCompare(b.id));
  return summarise(options.target, all, Date.now() - started);
}

function withSeed(report: LabReport, labs: LabManifest[], seeds: Readonly<Record<string, number>>): LabReport {
  if (report.seed !== null) return report;
  const lab = labs.find((l) => l.id === report.id);
  return { ...report, seed: seeds[report.id] ?? (lab ? defaultSeed(lab.scenario) : null) };
}
