import { essentialsAreMet, type LabReport } from '../report.ts';
import { askNextFor } from './ask-next.ts';
import type { CandidateResult } from './runner.ts';

export interface SummaryRow {
  candidate: string;
  lab: string;
  status: string;
  /** "met", the essential checks missed, or "not graded": read before the score. */
  essentials: string;
  score: number;
  points: number;
  maxPoints: number;
  seed: number | null;
  /** How long grading this candidate took, in seconds. */
  gradingSeconds: number;
  /** Hours from sending the bundle to the candidate's last change, when both are known. */
  hoursToLastEdit: number | null;
  failedChecks: string[];
  askNext: string[];
  notes: string[];
}

/** One row per candidate and lab; a candidate whose grading failed gets one row with status and 0. */
export function summaryRows(results: readonly CandidateResult[]): SummaryRow[] {
  return results.flatMap((result) => {
    const hours =
      result.sentAt && result.lastEditAt ? Math.round(((Date.parse(result.lastEditAt) - Date.parse(result.sentAt)) / 3_600_000) * 10) / 10 : null;
    const common = { candidate: result.candidate, gradingSeconds: Math.round(result.durationMs / 100) / 10, hoursToLastEdit: hours };
    if (!result.report) {
      return [{ ...common, lab: '(all)', status: result.status, essentials: 'not graded', score: 0, points: 0, maxPoints: 0, seed: null, failedChecks: [], askNext: [], notes: [...result.notes, result.message ?? ''].filter(Boolean) }];
    }
    return result.report.labs.map((lab) => {
      const failed = lab.checks.filter((check) => check.status !== 'passed');
      const asks = [...new Set(failed.map((check) => askNextFor(lab.id, check.title)?.ask).filter((ask): ask is string => Boolean(ask)))];
      return {
        ...common,
        lab: lab.id,
        status: lab.error ? 'error' : result.status,
        essentials: essentialsOf(lab),
        score: lab.score,
        points: lab.points,
        maxPoints: lab.maxPoints,
        seed: lab.seed,
        failedChecks: failed.map((check) => `${check.title}${check.hidden ? ' (hidden)' : ''}`),
        askNext: asks,
        notes: [...result.notes, ...(lab.error ? [lab.error] : [])],
      };
    });
  });
}

function essentialsOf(lab: LabReport): string {
  if (lab.checks.length === 0) return 'not graded';
  return essentialsAreMet(lab) ? 'met' : `missed: ${lab.essentials!.missed.join('; ')}`;
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : text;
};

export function summaryCsv(rows: readonly SummaryRow[]): string {
  const header = ['candidate', 'lab', 'essentials', 'status', 'score', 'points', 'max_points', 'seed', 'grading_seconds', 'hours_to_last_edit', 'failed_checks', 'ask_next', 'notes'];
  const lines = rows.map((r) =>
    [r.candidate, r.lab, r.essentials, r.status, r.score, r.points, r.maxPoints, r.seed, r.gradingSeconds, r.hoursToLastEdit, r.failedChecks.join('; '), r.askNext.join(' | '), r.notes.join(' ')].map(csvCell).join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function summaryMarkdown(results: readonly CandidateResult[], title = 'Take-home submissions'): string {
  const rows = summaryRows(results);
  const out = [
    `# ${title}`,
    '',
    `${results.length} candidate(s), graded ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with visible and hidden checks.`,
    '"Time taken" is the grading time; "last edit" is hours from sending the bundle to the newest change in the candidate\'s work.',
    '',
    'The essentials are the checks for the skill each lab exists for: a score can be high while one is missed.',
    '',
    '| candidate | lab | essentials | score | status | failed checks | time taken | last edit |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${md(r.candidate)} | ${r.lab} | ${md(r.essentials)} | ${r.score}% (${r.points}/${r.maxPoints}) | ${r.status} | ${r.failedChecks.length} | ${r.gradingSeconds} s | ${r.hoursToLastEdit === null ? '—' : `${r.hoursToLastEdit} h`} |`),
    '',
  ];
  for (const result of results) {
    out.push(`## ${md(result.candidate)}`, '');
    if (result.bundleId) out.push(`Bundle ${result.bundleId}.`, '');
    for (const note of result.notes) out.push(`> ${md(note)}`, '');
    if (!result.report) {
      out.push(`**Not graded (${result.status}).** ${md(result.message ?? '')}`, '');
      continue;
    }
    for (const lab of result.report.labs) {
      const failed = lab.checks.filter((check) => check.status !== 'passed');
      out.push(`### ${lab.id}: essentials ${md(essentialsOf(lab))}, ${lab.score}% (${lab.points}/${lab.maxPoints}), seed ${lab.seed ?? 'default'}`, '');
      if (lab.error) out.push(`Could not be graded: ${md(lab.error)}`, '');
      if (failed.length === 0 && !lab.error) out.push('Every check passed. Ask about the trade-offs they made, and what they would do with more time.', '');
      for (const check of failed) {
        const next = askNextFor(lab.id, check.title);
        out.push(`- **${md(check.title)}**${check.hidden ? ' *(hidden)*' : ''} (0/${check.maxPoints}): ${md(check.feedback.split('\n')[0] ?? '')}`);
        if (next) out.push(`  - ask next: ${md(next.ask)}`);
      }
      // Passed or failed, these are points a check could only screen: the reviewer reads for them.
      for (const check of lab.checks.filter((c) => c.review)) out.push(`- **read yourself:** ${md(check.review!)}`);
      for (const task of (lab.tasks ?? []).filter((t) => t.reviewedByAPerson)) out.push(`- **read yourself** (task ${task.number}, ${md(task.title)}, no check grades it): ${md(task.reviewedByAPerson!)}`);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
