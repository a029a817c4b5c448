import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT, type LabManifest } from './lab-manifest.ts';
import type { LabReport } from './report.ts';
import { runChecks, type GradeTarget } from './run-checks.ts';

export interface HonestyResult {
  lab: string;
  solution: LabReport;
  starter: LabReport;
  badClients: { name: string; report: LabReport }[];
}

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

/**
 * Grades, in one parallel run, each lab's solution, its pristine starter and every bad client,
 * with hidden checks: the evidence that the checks are honest. Without bad clients it only proves
 * solutions pass and starters fail (a quick run on a second Node version, say).
 */
export async function honestyMatrix(labs: readonly LabManifest[], { badClients = true }: { badClients?: boolean } = {}): Promise<HonestyResult[]> {
  const badClientsFor = (lab: LabManifest) => (badClients ? badClientsOf(lab) : []);
  const solutions: GradeTarget = { name: 'solutions', env: { LAB_TARGET: 'solutions' } };
  const starters: GradeTarget = { name: 'starters', env: { LAB_TARGET: 'starters' } };
  const runs = labs.flatMap((lab) => [
    { target: solutions, lab },
    { target: starters, lab },
    ...badClientsFor(lab).map((bad) => ({ target: { name: `bad:${lab.id}/${bad.name}`, env: { LAB_MODULE: bad.path } }, lab })),
  ]);
  const results = await runChecks({ runs, includeHidden: true, matrix: true, targetsPerFile: 4, maxWorkers: 4 });
  const reportOf = (target: string, lab: string) => results.get(target)?.find((r) => r.id === lab);
  return labs.map((lab) => ({
    lab: lab.id,
    solution: reportOf('solutions', lab.id)!,
    starter: reportOf('starters', lab.id)!,
    badClients: badClientsFor(lab).map((bad) => ({ name: bad.name, report: reportOf(`bad:${lab.id}/${bad.name}`, lab.id)! })),
  }));
}
