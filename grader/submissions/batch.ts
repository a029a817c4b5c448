import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findLabId, listLabIds } from '../lab-manifest.ts';
import { resolveRecord } from './authority.ts';
import type { Candidate, CandidateResult, SubmissionRunner } from './runner.ts';
import { failedChecks, withRerun } from './unstable.ts';
import { findCandidateSource, keepSources, lastEdit } from './workspace.ts';
import { fileNameOf } from './batch-output.ts';

export interface GradeCandidateOptions {
  runner: SubmissionRunner;
  /** Labs to grade; default: the take-home's labs, else every lab the folder has work for. */
  labs?: readonly string[];
  includeHidden: boolean;
  timeoutMs: number;
  /** The interviewer's takehome.json for this candidate (single-folder grading). */
  takehomeFile?: string;
  ledgerDir?: string;
  /** Run failed checks once more in a fresh process (default true): a check that then passes is `unstable`, not a loss. */
  rerunFailed?: boolean;
}

/** Grades one returned folder through a runner, with the trusted record's labs and seeds. Never throws. */
export async function gradeCandidate(candidate: Candidate, options: GradeCandidateOptions): Promise<CandidateResult> {
  const started = Date.now();
  let resolved;
  try {
    resolved = resolveRecord(candidate.dir, { ...(options.takehomeFile ? { takehomeFile: options.takehomeFile } : {}), ...(options.ledgerDir ? { ledgerDir: options.ledgerDir } : {}) });
  } catch (error) {
    return { candidate: candidate.name, status: 'unusable', durationMs: Date.now() - started, message: (error as Error).message, notes: [] };
  }
  const { record } = resolved;
  const notes = [...resolved.notes, ...(existsSync(join(candidate.dir, 'NOTES.md')) ? ['The candidate left NOTES.md: read it before the interview.'] : [])];
  const given = (options.labs ?? []).map((l) => findLabId(l) ?? l);
  const labs = given.length > 0 ? given : record ? record.labs.map((l) => l.id) : listLabIds().filter((id) => findCandidateSource(candidate.dir, id));
  const meta = {
    ...(record ? { bundleId: record.id, sentAt: record.createdAt } : {}),
    ...(() => {
      const edited = lastEdit(candidate.dir, labs);
      return edited ? { lastEditAt: edited.toISOString() } : {};
    })(),
  };
  if (labs.length === 0) {
    return { candidate: candidate.name, status: 'unusable', durationMs: Date.now() - started, message: 'No work found: expected labs/NN-slug/src/index.ts (or NN-slug/src/index.ts) in the folder.', notes, ...meta };
  }
  const seeds = record ? Object.fromEntries(record.labs.map((l) => [l.id, l.seed])) : {};
  const run = async (only?: Record<string, string[]>): Promise<CandidateResult> => {
    try {
      const runOptions = { labs: only ? Object.keys(only) : labs, seeds, includeHidden: options.includeHidden, timeoutMs: options.timeoutMs, ...(record ? { record } : {}) };
      return await options.runner(candidate, only ? { ...runOptions, onlyChecks: only } : runOptions);
    } catch (error) {
      return { candidate: candidate.name, status: 'not-graded', notGraded: 'runner-failed', durationMs: Date.now() - started, message: `The runner failed before grading: ${(error as Error).message}`, notes: [] };
    }
  };
  let result = await run();
  const failed = result.report && options.rerunFailed !== false ? failedChecks(result.report) : {};
  if (result.report && Object.keys(failed).length > 0) {
    const rerun = await run(failed);
    if (rerun.report) result = { ...result, report: withRerun(result.report, rerun.report) };
    else result = { ...result, notes: [...result.notes, `The rerun of its failed checks did not finish (${rerun.message?.split('\n')[0] ?? rerun.status}), so their first verdicts stand.`] };
  }
  return { ...result, durationMs: Date.now() - started, gradedAt: new Date().toISOString(), notes: [...notes, ...result.notes], ...meta };
}

/** Every candidate folder directly inside `dir` (hidden folders and plain files are not candidates). */
export function listCandidates(dir: string): Candidate[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`--submissions "${dir}" is not a folder.`);
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => ({ name, dir: join(dir, name) }));
}

/** Grades candidates one after another (each in its own runner), reporting progress as each finishes. */
export async function gradeSubmissions(
  candidates: readonly Candidate[],
  options: GradeCandidateOptions & { onProgress?: (done: number, total: number, label: string) => void; keepSourcesIn?: string },
): Promise<CandidateResult[]> {
  const results: CandidateResult[] = [];
  for (const candidate of candidates) {
    options.onProgress?.(results.length, candidates.length, `grading ${candidate.name}…`);
    const result = await gradeCandidate(candidate, options);
    results.push(result);
    if (options.keepSourcesIn) keepSources(candidate.dir, result.report?.labs.map((lab) => lab.id) ?? [], join(options.keepSourcesIn, fileNameOf(candidate.name)));
    const score = result.report ? `${result.report.score}%` : `${result.status} (${result.notGraded ?? result.message ?? ''})`;
    options.onProgress?.(results.length, candidates.length, `${basename(candidate.dir)}: ${score} in ${(result.durationMs / 1000).toFixed(0)} s`);
  }
  return results;
}
