import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candidate } from './runner.ts';

const ARCHIVE = /\.(tar\.gz|tgz)$/;
const MAX_UNPACKED_BYTES = 200_000_000;

export class UnsafeArchiveError extends Error {}

/**
 * Returned archives (`npm run handin` writes `<bundle>-returned.tar.gz`) unpacked into a temporary
 * folder each, after a look at their listing: only plain files and folders, no absolute paths or
 * `..`, and a bounded total size. An archive that fails the look is reported, not unpacked.
 */
export function unpackArchives(dir: string, wanted: (name: string) => boolean = () => true): { candidates: Candidate[]; refused: { name: string; reason: string }[]; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'integration-lab-returned-'));
  const candidates: Candidate[] = [];
  const refused: { name: string; reason: string }[] = [];
  for (const file of archiveFiles(dir)) {
    const name = file.replace(ARCHIVE, '');
    if (!wanted(name)) continue;
    try {
      checkListing(join(dir, file));
      const into = join(root, name);
      mkdirSync(into);
      execFileSync('tar', ['-xzf', join(dir, file), '-C', into, '--no-same-owner', '--no-same-permissions'], { stdio: ['ignore', 'ignore', 'pipe'] });
      candidates.push({ name, dir: workRoot(into) });
    } catch (error) {
      refused.push({ name, reason: error instanceof UnsafeArchiveError ? error.message : `could not be unpacked (${(error as Error).message.split('\n')[0]})` });
    }
  }
  return { candidates, refused, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The returned archives in a submissions folder (each is a candidate, named without its extension). */
export function archiveFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => ARCHIVE.test(name) && statSync(join(dir, name)).isFile()).sort();
}

export const archiveCandidateName = (file: string) => file.replace(ARCHIVE, '');

function checkListing(archive: string): void {
  const names = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8', maxBuffer: 64_000_000 }).split('\n').filter(Boolean);
  const long = execFileSync('tar', ['-tzvf', archive], { encoding: 'utf8', maxBuffer: 64_000_000 }).split('\n').filter(Boolean);
  let total = 0;
  for (const [i, line] of long.entries()) {
    const type = line[0];
    const name = names[i] ?? '';
    if (type !== '-' && type !== 'd') throw new UnsafeArchiveError(`holds ${name}, which is not a plain file or folder (links are not accepted)`);
    if (name.startsWith('/') || name.split('/').includes('..')) throw new UnsafeArchiveError(`holds ${name}, a path outside the archive`);
    total += Number(line.split(/\s+/)[2] ?? 0);
    if (total > MAX_UNPACKED_BYTES) throw new UnsafeArchiveError(`unpacks to more than ${MAX_UNPACKED_BYTES / 1_000_000} MB`);
  }
}

/** The returned folder inside an unpacked archive: its root, or the one folder it holds. */
function workRoot(dir: string): string {
  if (existsSync(join(dir, 'takehome.json')) || existsSync(join(dir, 'labs'))) return dir;
  const entries = readdirSync(dir);
  return entries.length === 1 && statSync(join(dir, entries[0]!)).isDirectory() ? join(dir, entries[0]!) : dir;
}
