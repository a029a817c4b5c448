import { REVIEW_LABEL, type GradeReport, type LabReport } from '../report.ts';

const useColor = process.stdout.isTTY && !process.env['NO_COLOR'];
const paint = (code: number) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const green = paint(32);
const red = paint(31);
const yellow = paint(33);
const dim = paint(2);
const bold = paint(1);

const STATUS = { passed: green('PASS'), failed: red('FAIL'), error: yellow('ERROR') } as const;

/** A table per lab (check, points, result, what was observed) and the total. */
export function formatPretty(report: GradeReport): string {
  const out: string[] = [];
  for (const lab of report.labs) out.push(formatLab(lab), '');
  out.push(
    bold(`Total: ${report.points}/${report.maxPoints} points (${report.score}%) for ${report.target}`) + dim(` in ${(report.durationMs / 1000).toFixed(1)} s`),
  );
  return out.join('\n');
}

function formatLab(lab: LabReport): string {
  const lines = [bold(`${lab.id} — ${lab.title}: ${lab.points}/${lab.maxPoints} (${lab.score}%)`) + dim(`  seed ${lab.seed ?? '-'}, ${(lab.durationMs / 1000).toFixed(1)} s`)];
  if (lab.error) lines.push(`  ${yellow('!')} ${lab.error}`);
  const width = Math.min(70, Math.max(20, ...lab.checks.map((c) => c.title.length + (c.hidden ? 9 : 0))));
  for (const check of lab.checks) {
    const title = `${check.title}${check.hidden ? dim(' (hidden)') : ''}`;
    const pad = ' '.repeat(Math.max(1, width - check.title.length - (check.hidden ? 9 : 0)));
    lines.push(`  ${STATUS[check.status]}  ${title}${pad}${String(check.points).padStart(3)}/${String(check.maxPoints).padEnd(3)}`);
    if (check.feedback) for (const line of check.feedback.split('\n')) lines.push(`        ${dim('│')} ${line}`);
    if (check.review) lines.push(`        ${yellow('◆')} ${REVIEW_LABEL}: ${check.review}`);
  }
  return lines.join('\n');
}
