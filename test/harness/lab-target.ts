import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * Where the code under test for a lab lives, from the environment the grader sets:
 * `LAB_MODULE` (one file, used for bad clients) or `LAB_TARGET` = `labs` (default: the learner's
 * `labs/NN-slug/src/`), `starters` (the pristine `labs/NN-slug/starter/`), `solutions`, or a
 * folder holding `NN-slug/` submissions.
 */
export function resolveTargetEntry(labId: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env['LAB_MODULE']) return resolve(env['LAB_MODULE']);
  const target = env['LAB_TARGET'] ?? 'labs';
  const candidates = {
    labs: [join(REPO_ROOT, 'labs', labId, 'src', 'index.ts')],
    starters: [join(REPO_ROOT, 'labs', labId, 'starter', 'index.ts')],
    solutions: [join(REPO_ROOT, 'solutions', labId, 'index.ts')],
  }[target] ?? [join(resolve(target), labId, 'src', 'index.ts'), join(resolve(target), labId, 'index.ts')];
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    const hint =
      target === 'labs'
        ? ` Run "npm run lab -- start ${labId.slice(0, 2)}" to create it from the starter.`
        : ' A submission folder must hold NN-slug/src/index.ts (or NN-slug/index.ts).';
    throw new TargetLoadError(`No code to grade for lab ${labId}: looked for ${candidates.join(' and ')}.${hint}`);
  }
  return found;
}

/** What a source scan should read: the one file of a single-module target, else the target's folder. */
export function sourceScanPath(labId: string, env: NodeJS.ProcessEnv = process.env): string {
  const entry = resolveTargetEntry(labId, env);
  return env['LAB_MODULE'] ? entry : dirname(entry);
}

/**
 * Several targets graded in one test file (the honesty matrix): `LAB_TARGETS` is a JSON list of
 * `{ name, env }`. Without it, the one target comes from the process environment.
 */
export function targetsFromEnvironment(env: NodeJS.ProcessEnv = process.env): { name: string; env: NodeJS.ProcessEnv }[] {
  if (!env['LAB_TARGETS']) return [{ name: '', env }];
  return (JSON.parse(env['LAB_TARGETS']) as { name: string; env: Record<string, string> }[]).map((t) => ({ name: t.name, env: { ...env, ...t.env } }));
}

export class TargetLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetLoadError';
  }
}

/** Imports the target and checks it exports the functions the lab's checks call. */
export async function loadTarget<T>(labId: string, requiredExports: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const entry = resolveTargetEntry(labId, env);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    throw new TargetLoadError(`Your code for lab ${labId} failed to load (${entry}): ${(error as Error).message}. Fix the error above, then grade again.`);
  }
  const missing = requiredExports.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    throw new TargetLoadError(
      `${entry} does not export ${missing.map((m) => `"${m}"`).join(', ')} as a function. The checks call these; keep the exported names from the starter.`,
    );
  }
  return module as T;
}
