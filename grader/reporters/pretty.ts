import { checksByTask, essentialsLine, NOT_RUN, REVIEW_LABEL, scorePartsLine, type CheckResult, type GradeReport, type LabReport } from '../report.ts';

const useColor = process.stdout.isTTY && !process.env['NO_COLOR'];
const paint = (code: number) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const green = paint(32);
const red = paint(31);
const yellow = paint(33);
const dim = paint(2);
const bold = paint(1);

const STATUS = { passed: green('PASS'), failed: red('FAIL'), error: yellow('ERROR'), 'not-graded': yellow('NOT GRADED') } as const;

/** A table per lab (its README tasks, each with its checks, points, what was observed) and the total. */
export function formatPretty(report: GradeReport): string {
  const out: string[] = [];
  for (const lab of report.labs) out.push(formatLab(lab, report.target === 'labs'), '');
  const essentials = report.essentialsMet ? green('essentials met') : red('essentials missed (see each lab)');
  out.push(
    bold(`Total: ${report.points}/${report.maxPoints} points (${report.score}%) for ${report.target}`) + `, ${essentials}` + dim(` in ${(report.durationMs / 1000).toFixed(1)} s`),
  );
  return out.join('\n');
}

function formatLab(lab: LabReport, ownWork: boolean): string {
  const essentials = essentialsLine(lab);
  const lines = [
    bold(`${lab.id} — ${lab.title}: ${lab.points}/${lab.maxPoints} (${lab.score}%)`) +
      (essentials ? `, ${lab.essentials!.missed.length === 0 ? green(essentials) : red(essentials)}` : '') +
      dim(`  seed ${lab.seed ?? '-'}, ${(lab.durationMs / 1000).toFixed(1)} s`),
  ];
  const parts = scorePartsLine(lab);
  if (parts) lines.push(dim(`  ${parts}`));
  if (lab.notGraded) lines.push(`  ${yellow('!')} Not graded: ${lab.notGraded} This is not a verdict on the code: grade this lab again.`);
  else if (lab.error) lines.push(`  ${yellow('!')} ${lab.error}`);
  const width = Math.min(70, Math.max(20, ...lab.checks.map((c) => c.title.length + (c.hidden ? 9 : 0))));
  for (const { task, checks } of checksByTask(lab)) {
    if (lab.tasks?.length) lines.push(task ? `  ${bold(`Task ${task.number}: ${task.title}`)}` : `  ${bold('Other checks')}`);
    if (task?.reviewedByAPerson) lines.push(`        ${yellow('◆')} ${REVIEW_LABEL}: ${task.reviewedByAPerson}`);
    for (const check of checks) lines.push(...formatCheck(check, width, task?.number));
  }
  if (ownWork && lab.checks.some((c) => c.status !== 'passed')) {
    lines.push(`  Stuck? ${bold(`npm run lab -- hint ${lab.id.slice(0, 2)}`)} gives a hint, a little more each time you ask.`);
  }
  return lines.join('\n');
}

function formatCheck(check: CheckResult, width: number, underTask: number | undefined): string[] {
  const title = `${check.title}${check.hidden ? dim(' (hidden)') : ''}`;
  const pad = ' '.repeat(Math.max(1, width - check.title.length - (check.hidden ? 9 : 0)));
  const also = (check.tasks ?? []).filter((n) => n !== underTask);
  const lines = [`  ${STATUS[check.status]}  ${title}${pad}${String(check.points).padStart(3)}/${String(check.maxPoints).padEnd(3)}${also.length ? dim(` also task ${also.join(', ')}`) : ''}`];
  if (check.feedback && check.feedback !== NOT_RUN) for (const line of check.feedback.split('\n')) lines.push(`        ${dim('│')} ${line}`);
  if (check.unstable) lines.push(`        ${yellow('◆')} Unstable: failed once (${check.unstable.firstRun.split('\n')[0]}), then passed on a rerun with the same seed. Counted as passed; worth a look.`);
  if (check.review) lines.push(`        ${yellow('◆')} ${REVIEW_LABEL}: ${check.review}`);
  return lines;
}
