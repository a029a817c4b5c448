/**
 * Returned take-home work built from this project, for tests and benchmarks that grade batches: each
 * lab folder holds a reference solution bundled into one `index.ts` (its shared helpers inlined,
 * packages left as imports: self-contained, the way a candidate sends it) or the untouched starter.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { findLabId, REPO_ROOT } from '../../grader/lab-manifest.ts';

export type WorkKind = 'solution' | 'starter';

/** Writes `<dir>/<name>/<lab id>/...` for each lab; returns the candidate's folder. */
export async function writeReturnedWork(dir: string, name: string, labs: readonly string[], kind: WorkKind, root = REPO_ROOT): Promise<string> {
  const candidate = join(dir, name);
  for (const given of labs) {
    const lab = findLabId(given) ?? given;
    const into = join(candidate, lab);
    mkdirSync(into, { recursive: true });
    // Lab 09's work is a test suite beside the given client: sent as the folder it is.
    if (kind === 'starter' || lab.startsWith('09-')) {
      cpSync(kind === 'starter' ? join(root, 'labs', lab, 'starter') : join(root, 'solutions', lab), into, { recursive: true });
      continue;
    }
    await build({
      entryPoints: [join(root, 'solutions', lab, 'index.ts')],
      outfile: join(into, 'index.ts'),
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
    });
    // What is not code goes as it is: lab 02's diagnosis, lab 03's findings, lab 05's LAUNCH.md.
    for (const file of readdirSync(join(root, 'solutions', lab)).filter((f) => /\.(json|md)$/.test(f))) cpSync(join(root, 'solutions', lab, file), join(into, file));
  }
  return candidate;
}
