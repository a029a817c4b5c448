import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../lab-manifest.ts';
import { RECORD_FILE, type TakehomeRecord } from '../takehome/record.ts';

/** Where a candidate's work for a lab is, in the layouts a returned folder may have. */
export function findCandidateSource(candidateDir: string, labId: string): string | undefined {
  return [join(candidateDir, 'labs', labId, 'src'), join(candidateDir, labId, 'src'), join(candidateDir, labId)].find(
    (dir) => existsSync(join(dir, 'index.ts')) && statSync(dir).isDirectory(),
  );
}

export interface StagedSubmission {
  /** The fresh working folder: `labs/` (project copies plus the candidate's `src/`), `node_modules` link, takehome.json. */
  dir: string;
  /** What to pass as `--target`. */
  labsDir: string;
  /** Where HOME and TMPDIR point for the graded code. */
  scratchDir: string;
  /** The authoritative record written into the workspace, if any. */
  recordFile?: string;
  /** Files left out of the copy (symbolic links, node_modules, oversized files). */
  skipped: string[];
  missingLabs: string[];
  cleanup(): void;
}

const MAX_FILE_BYTES = 2_000_000;

/**
 * A fresh temporary folder holding only what grading needs: the project's own lab folders and
 * platform, and the candidate's `src/` for each lab, copied without symbolic links (a link could
 * point at the interviewer's files). The candidate's checks, harness, vendor and package.json are
 * never copied: grading always uses the project's.
 */
export function stageSubmission(candidateDir: string, labs: readonly string[], record?: TakehomeRecord, root = REPO_ROOT): StagedSubmission {
  const dir = mkdtempSync(join(tmpdir(), 'integration-lab-grade-'));
  const scratchDir = join(dir, 'scratch');
  mkdirSync(join(scratchDir, 'tmp'), { recursive: true });
  const skipped: string[] = [];
  const missingLabs: string[] = [];
  const projectOnly = (name: string) => !['src', '.backups', 'node_modules'].includes(name);
  cpSync(join(root, 'labs', 'platform'), join(dir, 'labs', 'platform'), { recursive: true });
  for (const lab of labs) {
    const projectLab = join(root, 'labs', lab);
    for (const name of readdirSync(projectLab).filter(projectOnly)) cpSync(join(projectLab, name), join(dir, 'labs', lab, name), { recursive: true });
    const source = findCandidateSource(candidateDir, lab);
    if (!source) {
      missingLabs.push(lab);
      continue;
    }
    copyUntrusted(source, join(dir, 'labs', lab, 'src'), candidateDir, skipped);
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  let recordFile: string | undefined;
  if (record) {
    recordFile = join(dir, RECORD_FILE);
    writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  }
  return { dir, labsDir: join(dir, 'labs'), scratchDir, ...(recordFile ? { recordFile } : {}), skipped, missingLabs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function copyUntrusted(from: string, to: string, base: string, skipped: string[]): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const info = lstatSync(source);
    const shown = relative(base, source);
    if (info.isSymbolicLink() || name === 'node_modules' || (!info.isDirectory() && !info.isFile())) skipped.push(shown);
    else if (info.isDirectory()) copyUntrusted(source, join(to, name), base, skipped);
    else if (info.size > MAX_FILE_BYTES) skipped.push(`${shown} (over ${MAX_FILE_BYTES / 1_000_000} MB)`);
    else cpSync(source, join(to, name));
  }
}

/** The newest modification time among the candidate's work files, for "when did they stop". */
export function lastEdit(candidateDir: string, labs: readonly string[]): Date | undefined {
  let newest = 0;
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = lstatSync(path);
      if (info.isDirectory() && name !== 'node_modules') visit(path);
      else if (info.isFile()) newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const lab of labs) {
    const source = findCandidateSource(candidateDir, lab);
    if (source) visit(source);
  }
  return newest > 0 ? new Date(newest) : undefined;
}

/**
 * A copy of each lab's graded work (`into/<lab>/...`, no links, no node_modules), kept with the batch's
 * output: the reviewer reads it, and the similarity check compares it across every shard.
 */
export function keepSources(candidateDir: string, labs: readonly string[], into: string): void {
  for (const lab of labs) {
    const source = findCandidateSource(candidateDir, lab);
    if (source) copyUntrusted(source, join(into, lab), candidateDir, []);
  }
}
