import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLab, REPO_ROOT } from '../lab-manifest.ts';

/**
 * The interviewer's next question for a failed check, from the lab's question file: the table under
 * "What the graded lab run tells you to ask next" (a row names checks in its first cells, the last
 * cell says what to ask; "follow-up N" is expanded from the "Follow-up probes" list).
 */
export interface AskNext {
  /** What the run showed, when the table says it. */
  showed?: string;
  ask: string;
}

interface Row {
  cells: string[];
}

const cache = new Map<string, { rows: Row[]; followUps: string[] }>();

export function askNextFor(labId: string, checkTitle: string, root = REPO_ROOT): AskNext | undefined {
  const kit = questionKit(labId, root);
  const row = kit.rows.find((r) => r.cells.slice(0, -1).some((cell) => mentions(cell, checkTitle)));
  if (!row) return undefined;
  const ask = expandFollowUps(row.cells.at(-1)!, kit.followUps);
  return row.cells.length >= 3 ? { showed: clean(row.cells[1]!), ask } : { ask };
}

function questionKit(labId: string, root: string) {
  const known = cache.get(`${root}:${labId}`);
  if (known) return known;
  let text = '';
  try {
    const file = join(root, loadLab(labId, root).question);
    if (existsSync(file)) text = readFileSync(file, 'utf8');
  } catch {
    // an unknown lab has no kit
  }
  const kit = { rows: tableRows(section(text, /^## What the graded lab run tells you/m)), followUps: numberedList(section(text, /^## Follow-up probes/m)) };
  cache.set(`${root}:${labId}`, kit);
  return kit;
}

function section(text: string, heading: RegExp): string {
  const match = heading.exec(text);
  if (!match) return '';
  const rest = text.slice(match.index + match[0].length);
  const end = rest.search(/^## /m);
  return end === -1 ? rest : rest.slice(0, end);
}

function tableRows(text: string): Row[] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .slice(2)
    .map((line) => ({ cells: line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim()) }));
}

function numberedList(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split('\n')) {
    const start = /^(\d+)\.\s+(.*)$/.exec(line);
    if (start) items[Number(start[1]) - 1] = start[2]!;
    else if (items.length > 0 && /^\s+\S/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.map(clean);
}

const clean = (text: string) => text.replace(/\*\((hidden|senior)\)\*/g, '').replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();
const normal = (text: string) => clean(text).toLowerCase().replace(/["“”]/g, '');

/** A cell names a check by its title, or by a pattern with "…" standing for the varying part. */
function mentions(cell: string, title: string): boolean {
  const want = normal(title);
  if (normal(cell).includes(want)) return true;
  return [...cell.matchAll(/`([^`]*…[^`]*)`/g)].some((m) => {
    const pattern = normal(m[1]!).split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
    return new RegExp(`^${pattern}$`).test(want);
  });
}

function expandFollowUps(cell: string, followUps: string[]): string {
  return clean(cell).replace(/follow-up (\d+)/gi, (whole, n: string) => (followUps[Number(n) - 1] ? `${whole} ("${followUps[Number(n) - 1]}")` : whole));
}
