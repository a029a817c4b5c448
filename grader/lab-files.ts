import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, type LabManifest } from './lab-manifest.ts';

export const starterDir = (lab: LabManifest) => join(REPO_ROOT, 'labs', lab.id, 'starter');
export const workDir = (lab: LabManifest) => join(REPO_ROOT, 'labs', lab.id, 'src');

/** Creates `src/` from the pristine starter when it does not exist yet. Returns whether it did. */
export function ensureWorkCopy(lab: LabManifest): boolean {
  if (existsSync(workDir(lab))) return false;
  cpSync(starterDir(lab), workDir(lab), { recursive: true });
  return true;
}

/** Whether the learner has changed anything in `src/` compared with the starter. */
export function isModified(lab: LabManifest): boolean {
  if (!existsSync(workDir(lab))) return false;
  const a = listFiles(starterDir(lab));
  const b = listFiles(workDir(lab));
  if (a.join('\n') !== b.join('\n')) return true;
  return a.some((file) => !readFileSync(join(starterDir(lab), file)).equals(readFileSync(join(workDir(lab), file))));
}

/** Moves `src/` to `.backups/src-<time>/` and puts a fresh copy of the starter in its place. */
export function resetWorkCopy(lab: LabManifest, now = new Date()): string | undefined {
  let backup: string | undefined;
  if (existsSync(workDir(lab))) {
    const backups = join(REPO_ROOT, 'labs', lab.id, '.backups');
    mkdirSync(backups, { recursive: true });
    backup = join(backups, `src-${now.toISOString().replace(/[:.]/g, '-')}`);
    renameSync(workDir(lab), backup);
  }
  cpSync(starterDir(lab), workDir(lab), { recursive: true });
  return backup && relative(process.cwd(), backup);
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
    })
    .sort();
}
