import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lab-manifest.ts';

const PROGRESS_FILE = join(REPO_ROOT, '.lab-progress.json');

/** `hints.md` split at its `## ` headings: one escalating hint per section. */
export function readHints(labId: string): { title: string; body: string }[] {
  const file = join(REPO_ROOT, 'labs', labId, 'hints.md');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const [title = '', ...rest] = section.split('\n');
      return { title: title.trim(), body: rest.join('\n').trim() };
    });
}

type Progress = Record<string, { hintsSeen: number }>;

function readProgress(): Progress {
  try {
    return JSON.parse(readFileSync(PROGRESS_FILE, 'utf8')) as Progress;
  } catch {
    return {};
  }
}

/** The next hint not yet shown for a lab (the last one again once all were seen). */
export function nextHint(labId: string): { index: number; total: number; hint: { title: string; body: string } } | undefined {
  const hints = readHints(labId);
  if (hints.length === 0) return undefined;
  const progress = readProgress();
  const seen = progress[labId]?.hintsSeen ?? 0;
  const index = Math.min(seen, hints.length - 1);
  progress[labId] = { hintsSeen: Math.min(seen + 1, hints.length) };
  writeFileSync(PROGRESS_FILE, `${JSON.stringify(progress, null, 2)}\n`);
  return { index, total: hints.length, hint: hints[index]! };
}

export function resetHints(labId: string): void {
  const progress = readProgress();
  delete progress[labId];
  writeFileSync(PROGRESS_FILE, `${JSON.stringify(progress, null, 2)}\n`);
}
