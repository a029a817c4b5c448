import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { LAB_ID } from '../lab-manifest.ts';
import { RECORD_FILE } from '../takehome/record.ts';
import { gradeCandidate, gradeSubmissions, listCandidates } from './batch.ts';
import { archiveCandidateName, archiveFiles, unpackArchives } from './archives.ts';
import { readBatchOutput, writeBatchOutput } from './batch-output.ts';
import { writeRegrade } from './regrade.ts';
import { childProcessRunner } from './child-process-runner.ts';
import { progressBar } from './progress-bar.ts';
import type { CandidateResult, SubmissionRunner } from './runner.ts';
import { byCodeUnits, parseShard, shareOf, type Shard } from './shard.ts';

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
  /** Run failed checks once more (default true): see unstable.ts. */
  rerunFailed?: boolean;
}

/** `npm run grade -- --target DIR` for a returned take-home: graded through a runner, like the batch. */
export async function gradeReturnedFolder(dir: string, command: SubmissionsCommand): Promise<CandidateResult> {
  const folder = resolve(dir);
  const result = await gradeCandidate({ name: basename(folder), dir: folder }, { ...command, runner: command.runner ?? childProcessRunner });
  for (const note of result.notes) process.stderr.write(`  Note: ${note}\n`);
  if (!result.report) process.stderr.write(`\n  ${result.candidate}: not graded (${result.status}). ${result.message ?? ''}\n\n`);
  return result;
}

/** What a batch run found: its results, and whether any candidate (or lab) went without a verdict. */
export interface BatchRun {
  results: CandidateResult[];
  /** Candidates with no verdict for a reason outside their code, or with a lab that was not graded. */
  notGraded: string[];
}

/**
 * `npm run grade -- --submissions DIR [--shard K/N]`: every candidate folder and returned archive
 * (`*.tar.gz`) in DIR, or this shard's share of them; a progress bar; the batch output
 * (batch-output.ts), with the graded sources kept for the similarity check and the reviewer.
 */
export async function gradeSubmissionsFolder(dir: string, outDir: string, command: SubmissionsCommand & { shard?: Shard }): Promise<BatchRun> {
  const root = resolve(dir);
  const all = [...listCandidates(root).map((c) => c.name), ...archiveFiles(root).map(archiveCandidateName)];
  const mine = new Set(command.shard ? shareOf(all, command.shard) : all);
  const unpacked = unpackArchives(root, (name) => mine.has(name));
  const candidates = [...listCandidates(root).filter((c) => mine.has(c.name)), ...unpacked.candidates].sort((a, b) => byCodeUnits(a.name, b.name));
  if (command.shard) process.stderr.write(`Shard ${command.shard.index}/${command.shard.count}: ${candidates.length + unpacked.refused.length} of the ${all.length} candidates.\n`);
  const out = resolve(outDir);
  // A shard graded again into the same folder: nothing of the earlier try may linger.
  for (const owned of ['sources', 'candidates']) rmSync(join(out, owned), { recursive: true, force: true });
  const bar = progressBar(candidates.length);
  let results: CandidateResult[];
  try {
    results = await gradeSubmissions(candidates, { ...command, runner: command.runner ?? childProcessRunner, keepSourcesIn: join(out, 'sources'), onProgress: (done, _total, label) => bar.update(done, label) });
  } finally {
    unpacked.cleanup();
  }
  bar.end();
  for (const { name, reason } of unpacked.refused) {
    results.push({ candidate: name, status: 'unusable', durationMs: 0, message: `The returned archive was not graded: it ${reason}.`, notes: [] });
  }
  await writeBatchOutput(out, results, command.shard);
  const notGraded = results.filter((r) => r.status === 'not-graded' || r.report?.notGraded).map((r) => r.candidate);
  process.stderr.write(`\nWrote ${join(out, 'summary.md')} and summary.csv (${results.length} candidate(s); per-candidate reports in candidates/, graded sources in sources/).\n`);
  if (notGraded.length > 0) process.stderr.write(`Not graded, for a reason outside their code (see summary.md): ${notGraded.join(', ')}. Grade ${command.shard ? 'this shard' : 'the batch'} again; one not graded twice in a row is worth reading (code that kills its own grader ends this way). The exit code is 3.\n`);
  return { results, notGraded };
}

/**
 * The batch flags, checked before anything is graded: `--shard K/N`, `--regrade PREVIOUS_OUT` (read
 * now, so a wrong folder is a usage error, not a surprise after an hour of grading), `--no-rerun`.
 */
export function batchSetup(options: { submissions: string; shard?: string; regrade?: string; rerun: boolean }) {
  const root = resolve(options.submissions);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--submissions "${options.submissions}" is not a folder. Give the folder that holds one folder (or returned .tar.gz) per candidate.`);
  if (listCandidates(root).length + archiveFiles(root).length === 0) {
    throw new Error(`--submissions "${options.submissions}" holds no candidate: expected one folder (or returned .tar.gz) per candidate, e.g. ${join(options.submissions, 'ada', '01-first-integration', 'index.ts')}.`);
  }
  const shard = options.shard ? parseShard(options.shard) : undefined;
  const previous = options.regrade ? readBatchOutput(options.regrade).results : undefined;
  return {
    shard,
    previous,
    command: { ...(shard ? { shard } : {}), rerunFailed: options.rerun },
    regrade(outDir: string, results: readonly CandidateResult[]): void {
      if (!previous) return;
      const changes = writeRegrade(resolve(outDir), options.regrade!, previous, results);
      process.stderr.write(`Regrade: ${changes.length} of ${results.length} candidate(s) changed score or essentials since ${options.regrade}: ${join(resolve(outDir), 'regrade.md')}\n`);
    },
  };
}
