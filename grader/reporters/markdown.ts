import { checksByTask, essentialsLine, REVIEW_LABEL, scorePartsLine, type GradeReport } from '../report.ts';

const ICON = { passed: '✅', failed: '❌', error: '⚠️', 'not-graded': '⏸️' } as const;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', '<br>');

/** For a CI job summary or a pull-request comment: a table per lab, its checks grouped by README task. */
export function formatMarkdown(report: GradeReport): string {
  const out = [
    `# Grade: ${report.score}% (${report.points}/${report.maxPoints} points), ${report.essentialsMet ? 'essentials met' : '**essentials missed**'}`,
    '',
    `Target: \`${report.target}\``,
    '',
  ];
  for (const lab of report.labs) {
    const essentials = essentialsLine(lab);
    out.push(`## ${lab.id}: ${lab.title} — ${lab.score}% (${lab.points}/${lab.maxPoints})`, '');
    if (essentials) out.push(lab.essentials!.missed.length === 0 ? `Essentials met.` : `**Essentials missed:** ${cell(lab.essentials!.missed.join('; '))}`, '');
    const parts = scorePartsLine(lab);
    if (parts) out.push(`${parts.charAt(0).toUpperCase()}${parts.slice(1)}.`, '');
    if (lab.notGraded) out.push(`> **Not graded:** ${cell(lab.notGraded)} This is not a verdict on the code: grade this lab again.`, '');
    else if (lab.error) out.push(`> ${cell(lab.error)}`, '');
    if (lab.checks.length === 0) continue;
    out.push('| Task | | Check | Points | What was observed |', '| --- | --- | --- | --- | --- |');
    for (const { task, checks } of checksByTask(lab)) {
      const label = task ? `${task.number}. ${cell(task.title)}` : 'other';
      if (task?.reviewedByAPerson) out.push(`| ${label} | 👀 | *read by a person* | | **${REVIEW_LABEL}:** ${cell(task.reviewedByAPerson)} |`);
      checks.forEach((check, index) => {
        const unstable = check.unstable && `**Unstable:** failed once (${check.unstable.firstRun.split('\n')[0]}), then passed on a rerun with the same seed: counted as passed, worth a look.`;
        const observed = [unstable, check.feedback, check.review && `**${REVIEW_LABEL}:** ${check.review}`].filter(Boolean).join('\n\n');
        const first = index === 0 && !task?.reviewedByAPerson;
        out.push(`| ${first ? label : ''} | ${ICON[check.status]} | ${cell(check.title)}${check.hidden ? ' *(hidden)*' : ''} | ${check.points}/${check.maxPoints} | ${cell(observed)} |`);
      });
    }
    out.push('', `Seed ${lab.seed ?? '-'}.`, '');
  }
  return out.join('\n');
}
