import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../lab-manifest.ts';
import type { CandidateResult } from './runner.ts';
import { byCodeUnits, type Shard } from './shard.ts';
import { findSimilarPairs, readSources, readStarter, similarityMarkdown } from './similarity.ts';
import { summaryCsv, summaryMarkdown, summaryRows } from './summary.ts';

/** What a batch's output folder says about itself (`batch.json`): which share it holds, and of what. */
export interface BatchManifest {
  kind: 'integration-lab-batch';
  version: 1;
  /** Absent for an unsharded run and for a merge (which holds the whole batch). */
  shard?: Shard;
  /** Every candidate this output is responsible for, graded or not. */
  candidates: string[];
}

export const MANIFEST_FILE = 'batch.json';

/** A candidate's name as a file name: the same in every shard, the merge and the summary's links. */
export const fileNameOf = (candidate: string) => candidate.replace(/[^\w.-]+/g, '_');

/**
 * Writes a batch's output from its results and the sources kept in `out/sources/`: summary.md (with
 * unstable checks and similar submissions), summary.csv, candidates/*.json and batch.json. A shard,
 * an unsharded run and a merge all write through here, so a merge of shards is the unsharded output.
 */
export async function writeBatchOutput(outDir: string, results: readonly CandidateResult[], shard?: Shard): Promise<void> {
  const out = resolve(outDir);
  const sorted = [...results].sort((a, b) => byCodeUnits(a.candidate, b.candidate));
  mkdirSync(join(out, 'candidates'), { recursive: true });
  const similar = await similarityFor(out, sorted);
  writeFileSync(join(out, 'summary.md'), `${summaryMarkdown(sorted).trimEnd()}\n\n${similarityMarkdown(similar).trimEnd()}\n`);
  writeFileSync(join(out, 'summary.csv'), summaryCsv(summaryRows(sorted)));
  for (const result of sorted) writeFileSync(join(out, 'candidates', `${fileNameOf(result.candidate)}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const manifest: BatchManifest = { kind: 'integration-lab-batch', version: 1, ...(shard ? { shard } : {}), candidates: sorted.map((r) => r.candidate) };
  writeFileSync(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function similarityFor(out: string, results: readonly CandidateResult[]) {
  const labsOf = (r: CandidateResult) => r.report?.labs.map((lab) => lab.id) ?? [];
  const sets = results
    .filter((r) => existsSync(join(out, 'sources', fileNameOf(r.candidate))))
    .map((r) => ({ name: r.candidate, files: readSources(join(out, 'sources', fileNameOf(r.candidate)), labsOf(r)) }));
  const labs = [...new Set(results.flatMap(labsOf))].sort(byCodeUnits);
  return findSimilarPairs(sets, readStarter(REPO_ROOT, labs));
}

export class BatchOutputError extends Error {}

/** A batch output folder as written above: its manifest and every candidate's result. */
export function readBatchOutput(dir: string): { manifest: BatchManifest; results: CandidateResult[] } {
  const file = join(dir, MANIFEST_FILE);
  // An output written before batch.json existed: its candidates/ folder is the whole of it.
  if (!existsSync(file) && existsSync(join(dir, 'candidates'))) {
    const results = readdirSync(join(dir, 'candidates')).filter((name) => name.endsWith('.json')).sort(byCodeUnits)
      .map((name) => JSON.parse(readFileSync(join(dir, 'candidates', name), 'utf8')) as CandidateResult);
    return { manifest: { kind: 'integration-lab-batch', version: 1, candidates: results.map((r) => r.candidate) }, results };
  }
  if (!existsSync(file)) throw new BatchOutputError(`${dir} holds no ${MANIFEST_FILE}: it is not the --out folder of a batch (npm run grade -- --submissions DIR --out ${dir}).`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BatchManifest;
  if (manifest.kind !== 'integration-lab-batch') throw new BatchOutputError(`${file} is not a batch manifest.`);
  const results = manifest.candidates.map((name) => {
    const path = join(dir, 'candidates', `${fileNameOf(name)}.json`);
    if (!existsSync(path)) throw new BatchOutputError(`${dir} lists ${name} but has no candidates/${fileNameOf(name)}.json: the shard did not finish writing. Grade that shard again.`);
    return JSON.parse(readFileSync(path, 'utf8')) as CandidateResult;
  });
  return { manifest, results };
}

/** Copies `from/sources/*` into `to/sources/` (a merge gathers every shard's). */
export function copySources(from: string, to: string): void {
  const dir = join(from, 'sources');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    rmSync(join(to, 'sources', name), { recursive: true, force: true });
    cpSync(join(dir, name), join(to, 'sources', name), { recursive: true });
  }
}
