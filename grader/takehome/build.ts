import { randomBytes, randomInt } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findLabId, listLabIds, loadLab, ManifestError, REPO_ROOT, type LabManifest } from '../lab-manifest.ts';
import { tarGz } from './archive.ts';
import { auditBundle } from './audit.ts';
import { candidateMarkdown } from './candidate-md.ts';
import { writeLedgerEntry } from './ledger.ts';
import { bundlePackageJson, bundleTsconfig } from './package-json.ts';
import { digestFiles, RECORD_FILE, sha256, type TakehomeRecord } from './record.ts';
import { packagesForLabWork, selectFiles, walk } from './select-files.ts';

export interface BuildOptions {
  /** Lab ids or numbers, e.g. ['04', '07']. */
  labs: readonly string[];
  /** Where the bundle folder, its .tar.gz and the interviewer's takehome.json go; `<id>` is replaced by the bundle id. */
  outDir: string;
  /** Base seed; each lab's seed is derived from it. Default: random, so every bundle differs. */
  seed?: number;
  candidate?: string;
  /** Where the interviewer's copies of every record are kept (grading looks there). */
  ledgerDir?: string;
  now?: Date;
  root?: string;
}

export interface BuiltBundle {
  record: TakehomeRecord;
  bundleDir: string;
  archive: string;
  /** The interviewer's copy: keep it, do not send it. */
  recordFile: string;
  files: string[];
}

/** What is checked for changes in a returned folder: the checks, their harness, the grader and the vendor. */
const DIGESTED = /^(test|grader|mock-vendor|labs\/platform)\/|^labs\/[^/]+\/(contract\.ts|lab\.json)$/;

/** Same base seed and lab, same seed: an interviewer can rebuild a bundle exactly. */
export function labSeed(baseSeed: number, labId: string): number {
  return (parseInt(sha256(`${baseSeed}:${labId}`).slice(0, 8), 16) % 2_000_000_000) + 1;
}

export function buildTakehome(options: BuildOptions): BuiltBundle {
  const root = options.root ?? REPO_ROOT;
  const labs = resolveLabs(options.labs, root);
  const now = options.now ?? new Date();
  const id = `th-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  const baseSeed = options.seed ?? randomInt(1, 2 ** 31 - 1);
  const outDir = resolve(options.outDir.replaceAll('<id>', id));
  const bundleDir = join(outDir, id);
  if (existsSync(join(outDir, RECORD_FILE))) {
    throw new ManifestError(`${outDir} already holds another bundle's ${RECORD_FILE}; give each bundle its own --out folder (e.g. takehomes/<candidate>).`);
  }

  const selection = selectFiles(labs, root);
  const packages = [...new Set([...selection.packages, ...packagesForLabWork(labs, root)])];
  mkdirSync(bundleDir, { recursive: true });
  for (const file of selection.files) {
    if (file === 'package.json') continue;
    mkdirSync(dirname(join(bundleDir, file)), { recursive: true });
    cpSync(join(root, file), join(bundleDir, file));
  }
  for (const lab of labs) writeFileSync(join(bundleDir, 'labs', lab.id, 'lab.json'), candidateManifest(root, lab));
  writeFileSync(join(bundleDir, 'package.json'), bundlePackageJson(id, packages, root));
  writeFileSync(join(bundleDir, 'tsconfig.json'), bundleTsconfig(root));
  writeFileSync(join(bundleDir, '.gitignore'), 'node_modules/\n.env\nlabs/*/.backups/\n.lab-progress.json\ngrade-out/\n');

  const digested = walk(bundleDir, bundleDir).filter((file) => DIGESTED.test(file));
  const record: TakehomeRecord = {
    kind: 'integration-lab-takehome',
    version: 1,
    id,
    ...(options.candidate ? { candidate: options.candidate } : {}),
    createdAt: now.toISOString(),
    labs: labs.map((lab) => ({ id: lab.id, seed: labSeed(baseSeed, lab.id), timeEstimateMinutes: lab.timeEstimateMinutes })),
    visible: digestFiles(bundleDir, digested),
  };
  const { candidate: _name, ...candidateCopy } = record;
  writeFileSync(join(bundleDir, RECORD_FILE), `${JSON.stringify(candidateCopy, null, 2)}\n`);
  writeFileSync(join(bundleDir, 'CANDIDATE.md'), candidateMarkdown(candidateCopy, labs));
  auditBundle(bundleDir, root);

  const archive = tarGz(bundleDir);
  const recordFile = join(outDir, RECORD_FILE);
  writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  writeLedgerEntry(record, options.ledgerDir);
  return { record, bundleDir, archive, recordFile, files: walk(bundleDir, bundleDir).sort() };
}

function resolveLabs(given: readonly string[], root: string): LabManifest[] {
  if (given.length === 0) throw new ManifestError('Name at least one lab, e.g. "npm run lab -- takehome 04 07".');
  const ids = given.map((g) => {
    const id = findLabId(g, root);
    if (!id) throw new ManifestError(`There is no lab "${g}". The labs are: ${listLabIds(root).join(', ')}.`);
    return id;
  });
  return [...new Set(ids)].sort().map((id) => loadLab(id, root));
}

/** The lab's manifest as the candidate sees it: no pointer to the hidden checks. */
function candidateManifest(root: string, lab: LabManifest): string {
  const raw = JSON.parse(readFileSync(join(root, 'labs', lab.id, 'lab.json'), 'utf8')) as { tests: Record<string, unknown> };
  delete raw.tests['hidden'];
  return `${JSON.stringify(raw, null, 2)}\n`;
}
