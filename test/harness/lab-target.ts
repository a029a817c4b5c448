import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

export class TargetLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetLoadError';
  }
}

/** Imports the target and checks it exports the functions the lab's checks call. */
export async function loadTarget<T>(labId: string, requiredExports: readonly string[]): Promise<T> {
  const entry = resolveTargetEntry(labId);
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
