import { essentialsAreMet, type LabReport } from '../report.ts';
import { askNextFor } from './ask-next.ts';
import type { CandidateResult } from './runner.ts';
import { unstableChecks } from './unstable.ts';

export interface SummaryRow {
  candidate: string;
  lab: string;
  status: string;
  /** "met", the essential checks missed, or "not graded": read before the score. */
  essentials: string;
  /** null when there is no verdict (not graded, unusable): never a 0 the candidate did not earn. */
  score: number | null;
  points: number;
  maxPoints: number;
  seed: number | null;
  /** How long grading this candidate took, in seconds. */
  gradingSeconds: number;
  /** Hours from sending the bundle to the candidate's last change, when both are known. */
  hoursToLastEdit: number | null;
  failedChecks: string[];
  /** Checks that failed once and passed on the rerun: counted as passed, for the reviewer to look at. */
  unstableChecks: string[];
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
      const status = result.status === 'not-graded' ? `not graded (${result.notGraded ?? 'no report'})` : result.status;
      return [{ ...common, lab: '(all)', status, essentials: 'not graded', score: null, points: 0, maxPoints: 0, seed: null, failedChecks: [], unstableChecks: [], askNext: [], notes: [...result.notes, result.message ?? ''].filter(Boolean) }];
    }
    return result.report.labs.map((lab) => {
      const failed = lab.checks.filter((check) => check.status !== 'passed');
      const asks = [...new Set(failed.map((check) => askNextFor(lab.id, check.title)?.ask).filter((ask): ask is string => Boolean(ask)))];
      return {
        ...common,
        lab: lab.id,
        status: lab.notGraded ? 'not graded' : lab.error ? 'error' : result.status,
        essentials: essentialsOf(lab),
        score: lab.notGraded ? null : lab.score,
        points: lab.points,
        maxPoints: lab.maxPoints,
        seed: lab.seed,
        failedChecks: lab.notGraded ? [] : failed.map((check) => `${check.title}${check.hidden ? ' (hidden)' : ''}`),
        unstableChecks: lab.checks.filter((check) => check.unstable).map((check) => check.title),
        askNext: asks,
        notes: [...result.notes, ...(lab.notGraded ? [`Not graded: ${lab.notGraded}`] : lab.error ? [lab.error] : [])],
      };
    });
  });
}

function essentialsOf(lab: LabReport): string {
  if (lab.checks.length === 0 || lab.notGraded) return 'not graded';
  return essentialsAreMet(lab) ? 'met' : `missed: ${lab.essentials!.missed.join('; ')}`;
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : text;
};

export function summaryCsv(rows: readonly SummaryRow[]): string {
  const header = ['candidate', 'lab', 'essentials', 'status', 'score', 'points', 'max_points', 'seed', 'grading_seconds', 'hours_to_last_edit', 'failed_checks', 'unstable_checks', 'ask_next', 'notes'];
  const lines = rows.map((r) =>
    [r.candidate, r.lab, r.essentials, r.status, r.score, r.points, r.maxPoints, r.seed, r.gradingSeconds, r.hoursToLastEdit, r.failedChecks.join('; '), r.unstableChecks.join('; '), r.askNext.join(' | '), r.notes.join(' ')].map(csvCell).join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The newest candidate's grading time: the same summary whether the batch ran on one machine or merged from shards. */
function gradedAt(results: readonly CandidateResult[]): string {
  const times = results.map((r) => r.gradedAt).filter((t): t is string => Boolean(t)).sort();
  return times.at(-1) ?? new Date().toISOString();
}

function notGradedSection(results: readonly CandidateResult[]): string[] {
  const missing = results.filter((r) => r.status === 'not-graded' || r.report?.notGraded);
  if (missing.length === 0) return [];
  return [
    '## Not graded',
    '',
    'No verdict, for a reason outside the candidate\'s code (the grader, the vendor, the machine): not a score of 0. Grade them again (the exit code was 3). A candidate not graded twice in a row is worth reading: code that kills its own grader process ends this way, with or without --isolate.',
    '',
    ...missing.map((r) => `- **${md(r.candidate)}**: ${md(r.report?.notGraded ? `labs ${r.report.notGraded.join(', ')}` : `${r.notGraded ?? 'no report'}: ${(r.message ?? '').split('\n')[0]}`)}`),
    '',
  ];
}

function unstableSection(results: readonly CandidateResult[]): string[] {
  const rows = results.flatMap((r) => unstableChecks(r.report).map((u) => ({ candidate: r.candidate, ...u })));
  if (rows.length === 0) return [];
  return [
    '## Unstable checks',
    '',
    'Each failed once, then passed when run again in a fresh process with the same seed. Counted as passed; read both runs, and the code, before the interview.',
    '',
    '| candidate | lab | check | first run | rerun |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((u) => `| ${md(u.candidate)} | ${u.lab} | ${md(u.title)} | ${md(u.firstRun.split('\n')[0] ?? '')} | ${md(u.rerun.split('\n')[0] ?? '')} |`),
    '',
  ];
}

export function summaryMarkdown(results: readonly CandidateResult[], title = 'Take-home submissions'): string {
  const rows = summaryRows(results);
  const out = [
    `# ${title}`,
    '',
    `${results.length} candidate(s), graded ${gradedAt(results).slice(0, 16).replace('T', ' ')} UTC with visible and hidden checks.`,
    '"Time taken" is the grading time; "last edit" is hours from sending the bundle to the newest change in the candidate\'s work.',
    '',
    'The essentials are the checks for the skill each lab exists for: a score can be high while one is missed.',
    '',
    '| candidate | lab | essentials | score | status | failed checks | time taken | last edit |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${md(r.candidate)} | ${r.lab} | ${md(r.essentials)} | ${r.score === null ? '—' : `${r.score}% (${r.points}/${r.maxPoints})`} | ${md(r.status)}${r.unstableChecks.length ? `, ${r.unstableChecks.length} unstable` : ''} | ${r.failedChecks.length} | ${r.gradingSeconds} s | ${r.hoursToLastEdit === null ? '—' : `${r.hoursToLastEdit} h`} |`),
    '',
    ...notGradedSection(results),
    ...unstableSection(results),
  ];
  for (const result of results) {
    out.push(`## ${md(result.candidate)}`, '');
    if (result.bundleId) out.push(`Bundle ${result.bundleId}.`, '');
    for (const note of result.notes) out.push(`> ${md(note)}`, '');
    if (!result.report) {
      out.push(`**${result.status === 'unusable' ? 'Unusable' : 'Not graded'} (${result.notGraded ?? result.status}).** ${md(result.message ?? '')}`, '');
      continue;
    }
    for (const lab of result.report.labs) {
      const failed = lab.checks.filter((check) => check.status !== 'passed');
      out.push(`### ${lab.id}: essentials ${md(essentialsOf(lab))}, ${lab.score}% (${lab.points}/${lab.maxPoints}), seed ${lab.seed ?? 'default'}`, '');
      if (lab.notGraded) {
        out.push(`**Not graded:** ${md(lab.notGraded)} This is not a verdict on the code: grade this candidate again.`, '');
        continue;
      }
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
