import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Sandbox } from '../../grader/sandbox/host.ts';
import { guestEnv, memoryLimitMb } from '../../grader/sandbox/limits.ts';
import { PeerStopped } from '../../grader/sandbox/peer.ts';

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
        ? ` Run "npm run lab -- reset ${labId.slice(0, 2)}" to put the starter back in src/ (whatever src/ still holds is kept as a backup in .backups/).`
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

/** How long starting the sandbox and loading the code under test may take, on a busy machine too. */
export const LOAD_DEADLINE_MS = 30_000;

/**
 * Starts the target in a sandbox of its own (grader/sandbox/) and checks it exports the functions
 * the lab's checks call. The grader's realm never imports it: `lab` is a stand-in that calls
 * into the sandbox.
 */
export async function startTarget<T>(labId: string, requiredExports: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ sandbox: Sandbox; lab: T }> {
  const entry = resolveTargetEntry(labId, env);
  let started: Awaited<ReturnType<typeof Sandbox.start>>;
  try {
    started = await Sandbox.start(entry, { env: guestEnv(env), memoryMb: memoryLimitMb(env), deadlineAt: Date.now() + LOAD_DEADLINE_MS, resolveFallback: inPlaceOf(labId, entry) });
  } catch (error) {
    const reason = error instanceof PeerStopped ? error.reason : describeLoadError(error);
    throw new TargetLoadError(`Your code for lab ${labId} failed to load (${entry}): ${reason.replace(/[.\s]+$/, '')}. Fix that, then grade again.`);
  }
  const { sandbox, module } = started;
  const missing = requiredExports.filter((name) => typeof module[name] !== 'function');
  if (missing.length > 0) {
    sandbox.stop('The code does not export what the checks call.');
    throw new TargetLoadError(
      `${entry} does not export ${missing.map((m) => `"${m}"`).join(', ')} as a function. The checks call these; keep the exported names from the starter.`,
    );
  }
  return { sandbox, lab: module as T };
}

/**
 * A target outside this project imports as if it were in place: its folder stands for the lab's
 * `src/` (a learner's copy: `../contract.ts`, `../../platform/index.ts`) or for `solutions/NN-slug/`
 * (`../../labs/NN-slug/contract.ts`), and the project's npm packages resolve from here.
 */
function inPlaceOf(labId: string, entry: string): { root: string; standsFor: string[] } | undefined {
  if (!relative(REPO_ROOT, entry).startsWith('..')) return undefined;
  return { root: dirname(entry), standsFor: [join(REPO_ROOT, 'labs', labId, 'src'), join(REPO_ROOT, 'solutions', labId)] };
}

function describeLoadError(error: unknown): string {
  if (error instanceof Error) {
    const where = error.name === 'CompileError' ? undefined : throwSite(error.stack ?? '');
    return where ? `${error.message.replace(/[.\s]+$/, '')} (thrown at ${where})` : error.message;
  }
  return `it threw ${typeof error === 'string' ? JSON.stringify(error) : String(error)} (not an Error)`;
}

/** The first frame of a stack that is the code's own: not Node's, not a package's, not the sandbox's. */
export function throwSite(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const frame = /(?:\(|at )((?:file:\/\/)?\/[^()\s]+:\d+:\d+)\)?$/.exec(line.trim())?.[1];
    if (frame && !/node_modules|node:|grader\/sandbox/.test(frame)) return frame.replace(/^file:\/\//, '');
  }
  return undefined;
}
