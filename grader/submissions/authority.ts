import { REPO_ROOT } from '../lab-manifest.ts';
import { changedCheckFiles, readRecord, recordIn, type TakehomeRecord } from '../takehome/record.ts';
import { DEFAULT_LEDGER, findLedgerEntry } from '../takehome/ledger.ts';

export interface ResolvedRecord {
  record?: TakehomeRecord;
  /** Where the record came from: the interviewer's file, the ledger, or the candidate's own copy. */
  source: 'takehome file' | 'ledger' | "candidate's copy" | 'none';
  notes: string[];
}

/**
 * Which take-home record grading trusts for a returned folder: the file the interviewer names, else
 * the interviewer's ledger entry for the bundle id the folder carries, else (with a note saying so)
 * the candidate's own copy. Notes say when the candidate's copy disagrees or the checks were edited.
 */
export function resolveRecord(candidateDir: string, options: { takehomeFile?: string; ledgerDir?: string } = {}): ResolvedRecord {
  const notes: string[] = [];
  let theirs: TakehomeRecord | undefined;
  try {
    theirs = recordIn(candidateDir);
  } catch (error) {
    notes.push(`The returned takehome.json is unusable (${(error as Error).message}).`);
  }
  const ours = options.takehomeFile ? readRecord(options.takehomeFile) : theirs ? findLedgerEntry(theirs.id, options.ledgerDir ?? DEFAULT_LEDGER) : undefined;
  const source: ResolvedRecord['source'] = options.takehomeFile ? 'takehome file' : ours ? 'ledger' : theirs ? "candidate's copy" : 'none';
  const record = ours ?? theirs;
  if (ours && theirs) {
    if (ours.id !== theirs.id) notes.push(`The folder says it is bundle ${theirs.id}, but your record is ${ours.id}: was it sent to someone else?`);
    else if (JSON.stringify(ours.labs) !== JSON.stringify(theirs.labs)) notes.push("The returned takehome.json was edited (labs or seeds differ from yours); graded with your record.");
  }
  if (source === "candidate's copy") {
    notes.push(`No interviewer record for ${theirs!.id} (looked in ${options.ledgerDir ?? DEFAULT_LEDGER}); seeds come from the candidate's own takehome.json. Pass --takehome FILE with the takehome.json you kept.`);
  }
  if (record) {
    const changed = changedCheckFiles(record, candidateDir);
    if (changed.length > 0) notes.push(`The candidate changed or removed ${changed.length} bundled check/harness/vendor file(s) (ignored: graded with the project's copy): ${list(changed)}.`);
    const moved = changedCheckFiles({ ...record, visible: { ...record.visible, files: withoutManifests(record.visible.files) } }, REPO_ROOT);
    if (moved.length > 0) notes.push(`The project's checks, harness or vendor changed since this bundle was made (${list(moved)}): the candidate worked against the older visible checks.`);
  }
  return { ...(record ? { record } : {}), source, notes };
}

const list = (files: string[]) => `${files.slice(0, 5).join(', ')}${files.length > 5 ? `, and ${files.length - 5} more` : ''}`;

/** A bundle's lab.json is the project's minus the hidden-check entry, so it never matches the project's. */
const withoutManifests = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([file]) => !/^labs\/[^/]+\/lab\.json$/.test(file)));
