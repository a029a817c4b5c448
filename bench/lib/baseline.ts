/**
 * Another commit's copy of the project, for before/after comparisons: exported with `git archive`
 * (no worktree or branch is left behind in the repository) into `bench/.out/baseline/<sha>`, and
 * sharing this checkout's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class BaselineError extends Error {}

/** `needs`: a file the commit must have for the measurement to make sense (default: the vendor bench's server). */
export function baselineCheckout(root: string, ref: string, needs = 'bench/servers/vendor.ts'): { sha: string; dir: string } {
  let sha: string;
  try {
    sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    throw new BaselineError(`--baseline ${ref} is not a commit of this repository. Give a commit, tag or branch, for example --baseline HEAD~1.`);
  }
  const dir = join(root, 'bench/.out/baseline', sha.slice(0, 12));
  if (!existsSync(join(dir, '.complete'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = `${dir}.tar`;
    execFileSync('git', ['archive', '--format=tar', '-o', archive, sha], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('tar', ['-x', '-f', archive, '-C', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    rmSync(archive);
    writeFileSync(join(dir, '.complete'), sha);
  }
  if (!existsSync(join(dir, needs))) {
    throw new BaselineError(`Commit ${sha.slice(0, 12)} (${ref}) has no ${needs}, so it cannot be benchmarked this way. Pick a later commit.`);
  }
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { sha, dir };
}
