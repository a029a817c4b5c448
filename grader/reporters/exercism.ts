import { REVIEW_LABEL, type GradeReport } from '../report.ts';

/**
 * Exercism's test-runner interface, version 3 (`results.json`): top-level status, and one entry per
 * test with `pass` | `fail` | `error`. `task_id` is the README task the check grades; visible checks
 * come before hidden ones.
 */
export function formatExercism(report: GradeReport): string {
  const tests = report.labs.flatMap((lab) =>
    [...lab.checks.filter((c) => !c.hidden), ...lab.checks.filter((c) => c.hidden)].map((check) => ({
      name: `${lab.id} > ${check.title}`,
      status: check.status === 'passed' ? 'pass' : check.status === 'failed' ? 'fail' : 'error',
      ...(check.feedback ? { message: check.feedback } : {}),
      test_code: `${check.maxPoints} points${check.hidden ? ', hidden check' : ''}${lab.essentials?.checks.includes(check.title) ? ', essential' : ''}${check.review ? `. ${REVIEW_LABEL}: ${check.review}` : ''}`,
      ...(check.tasks?.[0] !== undefined ? { task_id: check.tasks[0] } : {}),
    })),
  );
  const labError = report.labs.find((lab) => lab.error && lab.checks.length === 0)?.error;
  const status = labError && tests.length === 0 ? 'error' : tests.every((t) => t.status === 'pass') && tests.length > 0 ? 'pass' : 'fail';
  return `${JSON.stringify({ version: 3, status, ...(status === 'error' ? { message: labError } : {}), tests }, null, 2)}\n`;
}
