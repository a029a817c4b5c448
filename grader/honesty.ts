import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT, type LabManifest } from './lab-manifest.ts';
import type { LabReport } from './report.ts';
import { runChecks, type GradeTarget } from './run-checks.ts';

export interface HonestyResult {
  lab: string;
  solution: LabReport;
  starter: LabReport;
  badClients: { name: string; report: LabReport }[];
  /** Code that attacks the grader instead of doing the lab (test/fixtures/hostile/NN-slug/). */
  hostile: { name: string; report: LabReport; ceiling: 'starter' | 'twin' }[];
  /** The honest client some hostile fixtures are built on (`_honest-twin.ts`): what their behaviour earns. */
  honestTwin?: LabReport;
}

const TWIN = '_honest-twin.ts';

/**
 * Hostile fixtures of a lab: single modules, or folders with an index.ts (a lab 09 suite); `_` files
 * are their shared helpers. One that imports
 * the honest twin's client may earn what the twin earns; any other, what the starter earns.
 */
export function hostileFixturesOf(lab: LabManifest): { name: string; path: string; ceiling: 'starter' | 'twin' }[] {
  const dir = join(REPO_ROOT, 'test/fixtures/hostile', lab.id);
  if (!existsSync(dir)) return [];
  const twinSource = existsSync(join(dir, TWIN)) ? readFileSync(join(dir, TWIN), 'utf8') : undefined;
  const twinImport = twinSource?.match(/from '(\.\/_[\w-]+\.ts)'/)?.[1];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && existsSync(join(dir, entry.name, 'index.ts')))
    .map((entry) => ({ name: entry.name, path: join(dir, entry.name, 'index.ts'), ceiling: 'starter' as const }));
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.startsWith('_'))
    .map((file) => {
      const usesTwin = twinImport !== undefined && readFileSync(join(dir, file), 'utf8').includes(`'${twinImport}'`);
      return { name: basename(file, '.ts'), path: join(dir, file), ceiling: usesTwin ? ('twin' as const) : ('starter' as const) };
    });
  return [...files, ...folders].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function honestTwinOf(lab: LabManifest): string | undefined {
  const path = join(REPO_ROOT, 'test/fixtures/hostile', lab.id, TWIN);
  return existsSync(path) ? path : undefined;
}

/**
 * Hostile fixtures only need to fail: a shorter deadline per check keeps the ones that hang from
 * holding the matrix up (it can only lower what they score).
 */
const HOSTILE_DEADLINE_MS = '2000';

/**
 * The bad clients of a lab: every `.ts` file in its folder not starting with `_` (shared helpers),
 * and every such subfolder with an `index.ts` (a bad client of several files, e.g. lab 09's test suites).
 */
export function badClientsOf(lab: LabManifest): { name: string; path: string }[] {
  const dir = join(REPO_ROOT, lab.badClients);
  if (!existsSync(dir)) return [];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_') && existsSync(join(dir, entry.name, 'index.ts')))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((entry) => ({ name: entry.name, path: join(dir, entry.name, 'index.ts') }));
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.startsWith('_') && !file.endsWith('.test.ts'))
    .sort()
    .map((file) => ({ name: basename(file, '.ts'), path: join(dir, file) }))
    .concat(folders);
}

export interface HonestyOptions {
  /** Grade every bad client too (the full matrix, `npm run test:honesty`). Default true. */
  badClients?: boolean;
  /** Grade the hostile fixtures (and the honest twins they are measured against). Default: with bad clients. */
  hostile?: boolean;
  /** Called as each target finishes a lab, with how many of all the runs are done. */
  onProgress?: (done: number, total: number, target: string, lab: LabReport) => void;
}

/**
 * Grades, in one parallel run, each lab's solution, its pristine starter, every bad client (with
 * hidden checks) and every hostile fixture: the evidence that the checks are honest and cannot be
 * forged. Without bad clients it proves solutions pass, starters fail and hostile code forges
 * nothing, in a few minutes (`npm test`).
 */
export async function honestyMatrix(labs: readonly LabManifest[], options: HonestyOptions = {}): Promise<HonestyResult[]> {
  const badClients = options.badClients ?? true;
  const badClientsFor = (lab: LabManifest) => (badClients ? badClientsOf(lab) : []);
  // HONESTY_HOSTILE=0 leaves the hostile fixtures out: bench:grading compares the same matrix across commits.
  const withHostile = options.hostile ?? (badClients && process.env['HONESTY_HOSTILE'] !== '0');
  const hostileFor = (lab: LabManifest) => (withHostile ? hostileFixturesOf(lab) : []);
  const twinFor = (lab: LabManifest) => [withHostile ? honestTwinOf(lab) : undefined].filter((path): path is string => path !== undefined);
  const solutions: GradeTarget = { name: 'solutions', env: { LAB_TARGET: 'solutions' } };
  const starters: GradeTarget = { name: 'starters', env: { LAB_TARGET: 'starters' } };
  const runs = labs.flatMap((lab) => [
    { target: solutions, lab },
    { target: starters, lab },
    ...badClientsFor(lab).map((bad) => ({ target: { name: `bad:${lab.id}/${bad.name}`, env: { LAB_MODULE: bad.path } }, lab })),
    ...hostileFor(lab).map((hostile) => ({ target: { name: `hostile:${lab.id}/${hostile.name}`, env: { LAB_MODULE: hostile.path, LAB_DEADLINE_CAP_MS: HOSTILE_DEADLINE_MS } }, lab })),
    ...twinFor(lab).map((path) => ({ target: { name: `twin:${lab.id}`, env: { LAB_MODULE: path, LAB_DEADLINE_CAP_MS: HOSTILE_DEADLINE_MS } }, lab })),
  ]);
  let done = 0;
  const onLabDone = (target: string, report: LabReport) => options.onProgress?.(++done, runs.length, target, report);
  const results = await runChecks({ runs, includeHidden: true, matrix: true, targetsPerFile: 4, maxWorkers: 4, onLabDone });
  const reportOf = (target: string, lab: string) => results.get(target)?.find((r) => r.id === lab);
  return labs.map((lab) => ({
    lab: lab.id,
    solution: reportOf('solutions', lab.id)!,
    starter: reportOf('starters', lab.id)!,
    badClients: badClientsFor(lab).map((bad) => ({ name: bad.name, report: reportOf(`bad:${lab.id}/${bad.name}`, lab.id)! })),
    hostile: hostileFor(lab).map((hostile) => ({ name: hostile.name, ceiling: hostile.ceiling, report: reportOf(`hostile:${lab.id}/${hostile.name}`, lab.id)! })),
    ...(twinFor(lab).length > 0 ? { honestTwin: reportOf(`twin:${lab.id}`, lab.id)! } : {}),
  }));
}
