import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lab-manifest.ts';
import { readProgress, updateProgress } from './progress.ts';

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

/** The next hint not yet shown for a lab (the last one again once all were seen). */
export function nextHint(labId: string): { index: number; total: number; hint: { title: string; body: string } } | undefined {
  const hints = readHints(labId);
  if (hints.length === 0) return undefined;
  const seen = hintsSeen(labId);
  const index = Math.min(seen, hints.length - 1);
  updateProgress(labId, (current) => ({ ...current, hintsSeen: Math.min(seen + 1, hints.length) }));
  return { index, total: hints.length, hint: hints[index]! };
}

export function hintsSeen(labId: string): number {
  return readProgress()[labId]?.hintsSeen ?? 0;
}

export function resetHints(labId: string): void {
  updateProgress(labId, ({ hintsSeen: _seen, ...rest }) => rest);
}
