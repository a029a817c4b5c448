import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { LAB_ID } from '../lab-manifest.ts';
import { RECORD_FILE } from '../takehome/record.ts';
import { gradeCandidate, gradeSubmissions, listCandidates } from './batch.ts';
import { unpackArchives } from './archives.ts';
import { childProcessRunner } from './child-process-runner.ts';
import { progressBar } from './progress-bar.ts';
import type { CandidateResult, SubmissionRunner } from './runner.ts';
import { summaryCsv, summaryMarkdown, summaryRows } from './summary.ts';

/** A folder a candidate sent back: it has the bundle's takehome.json, or the bundle's labs/NN-slug/src/ layout. */
export function isReturnedTakehome(dir: string): boolean {
  if (existsSync(join(dir, RECORD_FILE))) return true;
  const labs = join(dir, 'labs');
  return existsSync(labs) && readdirSync(labs).some((name) => LAB_ID.test(name) && existsSync(join(labs, name, 'src', 'index.ts')));
}

export interface SubmissionsCommand {
  labs: string[];
  includeHidden: boolean;
  timeoutMs: number;
  /** Default: the child-process runner; `--isolate` passes the container runner here. */
  runner?: SubmissionRunner;
  takehomeFile?: string;
}

/** `npm run grade -- --target DIR` for a returned take-home: graded through a runner, like the batch. */
export async function gradeReturnedFolder(dir: string, command: SubmissionsCommand): Promise<CandidateResult> {
  const folder = resolve(dir);
  const result = await gradeCandidate({ name: basename(folder), dir: folder }, { ...command, runner: command.runner ?? childProcessRunner });
  for (const note of result.notes) process.stderr.write(`  Note: ${note}\n`);
  if (!result.report) process.stderr.write(`\n  ${result.candidate}: not graded (${result.status}). ${result.message ?? ''}\n\n`);
  return result;
}

/**
 * `npm run grade -- --submissions DIR`: every candidate folder and returned archive (`*.tar.gz`) in DIR,
 * a progress bar, one summary (Markdown and CSV).
 */
export async function gradeSubmissionsFolder(dir: string, outDir: string, command: SubmissionsCommand): Promise<CandidateResult[]> {
  const unpacked = unpackArchives(resolve(dir));
  const candidates = [...listCandidates(resolve(dir)), ...unpacked.candidates].sort((a, b) => a.name.localeCompare(b.name));
  const bar = progressBar(candidates.length);
  let results: CandidateResult[];
  try {
    results = await gradeSubmissions(candidates, { ...command, runner: command.runner ?? childProcessRunner, onProgress: (done, _total, label) => bar.update(done, label) });
  } finally {
    unpacked.cleanup();
  }
  bar.end();
  for (const { name, reason } of unpacked.refused) {
    results.push({ candidate: name, status: 'unusable', durationMs: 0, message: `The returned archive was not graded: it ${reason}.`, notes: [] });
  }
  const out = resolve(outDir);
  mkdirSync(join(out, 'candidates'), { recursive: true });
  writeFileSync(join(out, 'summary.md'), summaryMarkdown(results));
  writeFileSync(join(out, 'summary.csv'), summaryCsv(summaryRows(results)));
  for (const result of results) writeFileSync(join(out, 'candidates', `${result.candidate.replace(/[^\w.-]+/g, '_')}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`\nWrote ${join(out, 'summary.md')} and summary.csv (${results.length} candidate(s); per-candidate reports in candidates/).\n`);
  return results;
}
