import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lab-manifest.ts';

/** A numbered requirement of a lab's README ("## Your tasks", or lab 09's "## The rules"). */
export interface LabTask {
  number: number;
  title: string;
}

const TASK_SECTION = /^## (?:Your tasks|The rules)\s*$/m;
const TASK_ITEM = /^(\d+)\. \*\*(.+?)\*\*/;

/** The README's numbered tasks, in order: `1. **Read every contact.** ...` → { 1, "Read every contact" }. */
export function labTasks(labId: string, root = REPO_ROOT): LabTask[] {
  return parseTasks(readFileSync(join(root, 'labs', labId, 'README.md'), 'utf8'));
}

export function parseTasks(readme: string): LabTask[] {
  const start = readme.search(TASK_SECTION);
  if (start < 0) return [];
  const body = readme.slice(start).split('\n').slice(1);
  const end = body.findIndex((line) => line.startsWith('## '));
  const tasks: LabTask[] = [];
  for (const line of end < 0 ? body : body.slice(0, end)) {
    const item = TASK_ITEM.exec(line);
    if (item) tasks.push({ number: Number(item[1]), title: item[2]!.replace(/[.:]$/, '').replace(/`/g, '') });
  }
  return tasks;
}
