import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lab-manifest.ts';
import { essentialsAreMet, type LabReport } from './report.ts';

/** How far a learner is, per lab: kept in `.lab-progress.json` (git-ignored) beside their work. */
const PROGRESS_FILE = join(REPO_ROOT, '.lab-progress.json');

export interface LastGrade {
  points: number;
  maxPoints: number;
  score: number;
  essentialsMet: boolean;
  /** ISO 8601 time of the grade. */
  at: string;
}

export interface LabProgress {
  hintsSeen?: number;
  lastGrade?: LastGrade;
}

export function readProgress(): Record<string, LabProgress> {
  try {
    return JSON.parse(readFileSync(PROGRESS_FILE, 'utf8')) as Record<string, LabProgress>;
  } catch {
    return {};
  }
}

export function updateProgress(labId: string, change: (current: LabProgress) => LabProgress): void {
  const progress = readProgress();
  progress[labId] = change(progress[labId] ?? {});
  writeFileSync(`${PROGRESS_FILE}.tmp`, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(`${PROGRESS_FILE}.tmp`, PROGRESS_FILE);
}

/** Remembers a grade of the learner's own work, for `npm run lab -- list`. */
export function recordGrade(lab: LabReport, at = new Date()): void {
  updateProgress(lab.id, (current) => ({
    ...current,
    lastGrade: { points: lab.points, maxPoints: lab.maxPoints, score: lab.score, essentialsMet: essentialsAreMet(lab), at: at.toISOString() },
  }));
}

/** "last grade 84/88 (95%), essentials met, 2 h ago · hints 1 of 4", or nothing before the first grade or hint. */
export function describeProgress(progress: LabProgress | undefined, hintCount: number, now = Date.now()): string | undefined {
  const parts: string[] = [];
  const grade = progress?.lastGrade;
  if (grade) parts.push(`last grade ${grade.points}/${grade.maxPoints} (${grade.score}%), ${grade.essentialsMet ? 'essentials met' : 'essentials missed'}, ${ago(now - Date.parse(grade.at))}`);
  if (progress?.hintsSeen) parts.push(`hints ${progress.hintsSeen} of ${hintCount}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}
