import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { essentialsAreMet, type LabReport } from '../report.ts';
import type { CandidateResult } from './runner.ts';
import { byCodeUnits } from './shard.ts';

/** One candidate whose grade moved between two runs of the batch, and the checks that moved it. */
export interface RegradeChange {
  candidate: string;
  before: string;
  after: string;
  essentialsBefore: string;
  essentialsAfter: string;
  why: string[];
}

const gradeOf = (r: CandidateResult | undefined) =>
  !r ? 'absent' : r.report ? `${r.report.score}% (${r.report.points}/${r.report.maxPoints})${r.report.notGraded ? `, not graded: ${r.report.notGraded.join(', ')}` : ''}` : `${r.status}${r.notGraded ? ` (${r.notGraded})` : ''}`;
const essentialsOf = (r: CandidateResult | undefined) =>
  !r?.report ? 'not graded' : r.report.labs.every(essentialsAreMet) ? 'met' : `missed in ${r.report.labs.filter((l) => !essentialsAreMet(l)).map((l) => l.id).join(', ')}`;

/**
 * `--regrade PREVIOUS_OUT`: which candidates' score or essentials changed since the previous run, and
 * why, check by check (a check whose verdict flipped, one added or removed, points that changed).
 */
export function compareBatches(previous: readonly CandidateResult[], current: readonly CandidateResult[]): RegradeChange[] {
  const before = new Map(previous.map((r) => [r.candidate, r]));
  const after = new Map(current.map((r) => [r.candidate, r]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(byCodeUnits);
  const changes: RegradeChange[] = [];
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    const change = { candidate: name, before: gradeOf(a), after: gradeOf(b), essentialsBefore: essentialsOf(a), essentialsAfter: essentialsOf(b) };
    if (change.before === change.after && change.essentialsBefore === change.essentialsAfter) continue;
    changes.push({ ...change, why: reasons(a, b) });
  }
  return changes;
}

function reasons(a: CandidateResult | undefined, b: CandidateResult | undefined): string[] {
  if (!a) return ['new in this run'];
  if (!b) return ['not in this run'];
  if (!a.report || !b.report) return [`${a.report ? 'graded' : `${a.status}: ${a.message?.split('\n')[0] ?? ''}`} → ${b.report ? 'graded' : `${b.status}: ${b.message?.split('\n')[0] ?? ''}`}`];
  const why: string[] = [];
  const labsA = new Map(a.report.labs.map((l) => [l.id, l]));
  for (const lab of b.report.labs) {
    const old = labsA.get(lab.id);
    if (!old) {
      why.push(`${lab.id}: graded now, not before`);
      continue;
    }
    why.push(...labReasons(old, lab));
  }
  for (const lab of a.report.labs) if (!b.report.labs.some((l) => l.id === lab.id)) why.push(`${lab.id}: graded before, not now`);
  return why;
}

function labReasons(old: LabReport, now: LabReport): string[] {
  const why: string[] = [];
  if (Boolean(old.notGraded) !== Boolean(now.notGraded)) why.push(`${now.id}: ${now.notGraded ? `not graded now (${now.notGraded.split('\n')[0]})` : 'graded now, not graded before'}`);
  const checksA = new Map(old.checks.map((c) => [c.title, c]));
  for (const check of now.checks) {
    const was = checksA.get(check.title);
    if (!was) why.push(`${now.id}: new check "${check.title}" ${check.status} (${check.points}/${check.maxPoints})`);
    else if (was.status !== check.status) why.push(`${now.id}: "${check.title}" ${was.status} → ${check.status}${check.status === 'passed' ? '' : `: ${check.feedback.split('\n')[0]}`}`);
    else if (was.maxPoints !== check.maxPoints) why.push(`${now.id}: "${check.title}" is worth ${check.maxPoints} points now, ${was.maxPoints} before`);
  }
  for (const check of old.checks) if (!now.checks.some((c) => c.title === check.title)) why.push(`${now.id}: check "${check.title}" removed (was ${check.status}, ${check.points}/${check.maxPoints})`);
  return why;
}

const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function regradeMarkdown(changes: readonly RegradeChange[], previousDir: string, total: number): string {
  const out = ['# Regrade', '', `Compared with ${md(previousDir)}: ${changes.length} of ${total} candidate(s) changed score or essentials.`, ''];
  if (changes.length === 0) out.push('Nobody\'s score or essentials changed.');
  for (const c of changes) {
    out.push(`## ${md(c.candidate)}`, '', `- score: ${md(c.before)} → ${md(c.after)}`, `- essentials: ${md(c.essentialsBefore)} → ${md(c.essentialsAfter)}`, '', 'Why:', '');
    for (const line of c.why.length > 0 ? c.why : ['(no check changed verdict: the points of a lab changed)']) out.push(`- ${md(line)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function writeRegrade(outDir: string, previousDir: string, previous: readonly CandidateResult[], current: readonly CandidateResult[]): RegradeChange[] {
  const changes = compareBatches(previous, current);
  writeFileSync(join(outDir, 'regrade.md'), regradeMarkdown(changes, previousDir, current.length));
  writeFileSync(join(outDir, 'regrade.json'), `${JSON.stringify(changes, null, 2)}\n`);
  return changes;
}
