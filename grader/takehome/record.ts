import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../lab-manifest.ts';

/**
 * `takehome.json`: which labs a bundle holds, the scenario seed of each, and a digest of the visible
 * checks it shipped. The candidate's bundle carries a copy (so their runs use their seeds); the
 * interviewer keeps the original, and grading trusts the interviewer's copy over the candidate's.
 */
export const RECORD_FILE = 'takehome.json';

export const TakehomeRecordSchema = z
  .object({
    kind: z.literal('integration-lab-takehome'),
    version: z.literal(1),
    id: z.string().regex(/^th-[a-z0-9-]+$/),
    candidate: z.string().optional(),
    createdAt: z.string(),
    labs: z.array(z.object({ id: z.string(), seed: z.number().int(), timeEstimateMinutes: z.number().int().positive() })).min(1),
    /** sha256 of each bundled check file (checks, harness, vendor), and one digest over all of them. */
    visible: z.object({ digest: z.string(), files: z.record(z.string(), z.string()) }),
  })
  .strict();

export type TakehomeRecord = z.output<typeof TakehomeRecordSchema>;

export function readRecord(file: string): TakehomeRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = TakehomeRecordSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a take-home record: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The record inside a folder (a bundle or a returned submission), if there is one. */
export function recordIn(dir: string): TakehomeRecord | undefined {
  const file = join(dir, RECORD_FILE);
  return existsSync(file) ? readRecord(file) : undefined;
}

export function seedsOf(record: TakehomeRecord): Record<string, number> {
  return Object.fromEntries(record.labs.map((lab) => [lab.id, lab.seed]));
}

/** In a take-home bundle, the candidate's runs use the bundle's seeds (its own `takehome.json`). */
export function ownTakehomeSeeds(root = REPO_ROOT): Record<string, number> {
  const record = recordIn(root);
  return record ? seedsOf(record) : {};
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Digest of a set of files under `root`: per file, and one over the sorted list. */
export function digestFiles(root: string, files: readonly string[]): TakehomeRecord['visible'] {
  const digests = Object.fromEntries([...files].sort().map((file) => [file, sha256(readFileSync(join(root, file)))]));
  return { digest: sha256(Object.entries(digests).map(([file, hash]) => `${hash}  ${file}`).join('\n')), files: digests };
}

/** Check files the candidate changed or removed in their returned folder (their copies are never run). */
export function changedCheckFiles(record: TakehomeRecord, returnedDir: string): string[] {
  return Object.entries(record.visible.files)
    .filter(([file, hash]) => {
      const path = join(returnedDir, file);
      return !existsSync(path) || sha256(readFileSync(path)) !== hash;
    })
    .map(([file]) => file);
}
