import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BatchOutputError, copySources, MANIFEST_FILE, readBatchOutput, writeBatchOutput } from './batch-output.ts';
import type { CandidateResult } from './runner.ts';
import { byCodeUnits } from './shard.ts';

/** Shard output folders: each given folder, or the folders inside one that hold a batch manifest (`merge /results`). */
export function shardFolders(given: readonly string[]): string[] {
  return given.flatMap((dir) => {
    if (existsSync(join(dir, MANIFEST_FILE))) return [resolve(dir)];
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BatchOutputError(`${dir} is not a folder.`);
    const inside = readdirSync(dir)
      .sort(byCodeUnits)
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isDirectory() && existsSync(join(path, MANIFEST_FILE)));
    if (inside.length === 0) throw new BatchOutputError(`${dir} is neither a shard's --out folder nor a folder holding them (no ${MANIFEST_FILE} in it or in its folders).`);
    return inside.map((path) => resolve(path));
  });
}

/**
 * `npm run grade -- merge OUT... --out FINAL`: every shard of one batch, each exactly once, into the
 * output an unsharded run writes. Refuses (and writes nothing) when a shard is missing, repeated or
 * from a batch cut another way: a summary silently short of candidates is worse than none.
 */
export async function mergeShards(given: readonly string[], outDir: string): Promise<CandidateResult[]> {
  const folders = shardFolders(given).filter((dir) => dir !== resolve(outDir));
  const shards = folders.map((dir) => ({ dir, ...readBatchOutput(dir) }));
  const unsharded = shards.filter((s) => !s.manifest.shard);
  if (unsharded.length > 0) throw new BatchOutputError(`${unsharded.map((s) => s.dir).join(', ')} ${unsharded.length === 1 ? 'is' : 'are'} not a shard (graded without --shard): there is nothing to merge it with.`);
  const counts = [...new Set(shards.map((s) => s.manifest.shard!.count))];
  if (counts.length !== 1) throw new BatchOutputError(`These shards come from batches cut differently (${counts.map((n) => `${n} shards`).join(' and ')}): merge the outputs of one --shard K/N run.`);
  const count = counts[0]!;
  const byIndex = new Map<number, string[]>();
  for (const s of shards) byIndex.set(s.manifest.shard!.index, [...(byIndex.get(s.manifest.shard!.index) ?? []), s.dir]);
  const repeated = [...byIndex.entries()].filter(([, dirs]) => dirs.length > 1);
  if (repeated.length > 0) throw new BatchOutputError(`Shard ${repeated.map(([i, dirs]) => `${i}/${count} is given twice (${dirs.join(', ')})`).join('; ')}: give each shard once.`);
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new BatchOutputError(`Shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: grade ${missing.length > 1 ? 'them' : 'it'} (npm run grade -- --submissions DIR --shard ${missing[0]}/${count} --out ...), then merge all ${count}.`);
  const seen = new Map<string, string>();
  for (const s of shards) {
    for (const name of s.manifest.candidates) {
      if (seen.has(name)) throw new BatchOutputError(`${name} was graded by two shards (${seen.get(name)} and ${s.dir}): the shards disagree on the batch. Grade every shard from the same submissions folder.`);
      seen.set(name, s.dir);
    }
  }
  for (const s of shards) copySources(s.dir, outDir);
  const results = shards.flatMap((s) => s.results);
  await writeBatchOutput(outDir, results);
  return results;
}
