import { REVIEW_LABEL, type GradeReport } from '../report.ts';

const ICON = { passed: '✅', failed: '❌', error: '⚠️' } as const;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', '<br>');

/** For a CI job summary or a pull-request comment. */
export function formatMarkdown(report: GradeReport): string {
  const out = [`# Grade: ${report.score}% (${report.points}/${report.maxPoints} points)`, '', `Target: \`${report.target}\``, ''];
  for (const lab of report.labs) {
    out.push(`## ${lab.id}: ${lab.title} — ${lab.score}% (${lab.points}/${lab.maxPoints})`, '');
    if (lab.error) out.push(`> ${cell(lab.error)}`, '');
    if (lab.checks.length === 0) continue;
    out.push('| | Check | Points | What was observed |', '| --- | --- | --- | --- |');
    for (const check of lab.checks) {
      const observed = [check.feedback, check.review && `**${REVIEW_LABEL}:** ${check.review}`].filter(Boolean).join('\n\n');
      out.push(`| ${ICON[check.status]} | ${cell(check.title)}${check.hidden ? ' *(hidden)*' : ''} | ${check.points}/${check.maxPoints} | ${cell(observed)} |`);
    }
    out.push('', `Seed ${lab.seed ?? '-'}.`, '');
  }
  return out.join('\n');
}
