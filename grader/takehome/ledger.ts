import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab-manifest.ts';
import { readRecord, type TakehomeRecord } from './record.ts';

/**
 * The interviewer's own copies of every take-home record, by bundle id. Grading a returned folder
 * looks its id up here and trusts this copy over the one the candidate sends back.
 */
export const DEFAULT_LEDGER = join(REPO_ROOT, '.takehomes');

export function writeLedgerEntry(record: TakehomeRecord, dir = DEFAULT_LEDGER): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${record.id}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

export function findLedgerEntry(id: string, dir = DEFAULT_LEDGER): TakehomeRecord | undefined {
  if (!/^th-[a-z0-9-]+$/.test(id)) return undefined;
  const file = join(dir, `${id}.json`);
  return existsSync(file) ? readRecord(file) : undefined;
}
