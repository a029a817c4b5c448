import type { GradeReport } from '../report.ts';

const xml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML, one testsuite per lab, points in properties: loads in GitHub, GitLab and Jenkins. */
export function formatJunit(report: GradeReport): string {
  const suites = report.labs.map((lab) => {
    const failures = lab.checks.filter((c) => c.status === 'failed').length;
    const errors = lab.checks.filter((c) => c.status === 'error').length + (lab.error && lab.checks.length === 0 ? 1 : 0);
    const skipped = lab.checks.filter((c) => c.status === 'not-graded').length;
    const cases = lab.checks.map((check) => {
      const element = check.status === 'error' ? 'error' : 'failure';
      const body =
        check.status === 'passed' ? ''
        // No verdict: JUnit's "skipped", so no CI counts it as a failure of the code.
        : check.status === 'not-graded' ? `<skipped message="${xml(`not graded: ${check.feedback.split('\n')[0] ?? ''}`)}"/>`
        : `<${element} message="${xml(check.feedback.split('\n')[0] ?? '')}">${xml(check.feedback)}</${element}>`;
      return `    <testcase classname="${xml(lab.id)}" name="${xml(check.title)}" time="${(check.durationMs / 1000).toFixed(3)}"><properties><property name="points" value="${check.points}"/><property name="maxPoints" value="${check.maxPoints}"/><property name="hidden" value="${check.hidden}"/><property name="tasks" value="${(check.tasks ?? []).join(',')}"/><property name="essential" value="${lab.essentials?.checks.includes(check.title) ?? false}"/>${check.review ? `<property name="review" value="${xml(check.review)}"/>` : ''}</properties>${body}</testcase>`;
    });
    if (lab.error && lab.checks.length === 0) cases.push(`    <testcase classname="${xml(lab.id)}" name="lab could be graded" time="0"><error message="${xml(lab.error)}"/></testcase>`);
    return `  <testsuite name="${xml(`${lab.id} ${lab.title}`)}" tests="${Math.max(lab.checks.length, cases.length)}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(lab.durationMs / 1000).toFixed(3)}">
    <properties><property name="score" value="${lab.score}"/><property name="points" value="${lab.points}"/><property name="maxPoints" value="${lab.maxPoints}"/><property name="seed" value="${lab.seed ?? ''}"/>${lab.essentials ? `<property name="essentialsMissed" value="${xml(lab.essentials.missed.join('; '))}"/>` : ''}</properties>
${cases.join('\n')}
  </testsuite>`;
  });
  const tests = report.labs.reduce((n, lab) => n + Math.max(lab.checks.length, lab.error ? 1 : 0), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${xml(`Integration Lab: ${report.target}`)}" tests="${tests}" time="${(report.durationMs / 1000).toFixed(3)}">
${suites.join('\n')}
</testsuites>
`;
}
