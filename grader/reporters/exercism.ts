import { REVIEW_LABEL, type GradeReport } from '../report.ts';

/**
 * Exercism's test-runner interface, version 3 (`results.json`): top-level status, and one entry per
 * test with `pass` | `fail` | `error`. `task_id` numbers the labs in the run.
 */
export function formatExercism(report: GradeReport): string {
  const tests = report.labs.flatMap((lab, index) =>
    lab.checks.map((check) => ({
      name: `${lab.id} > ${check.title}`,
      status: check.status === 'passed' ? 'pass' : check.status === 'failed' ? 'fail' : 'error',
      ...(check.feedback ? { message: check.feedback } : {}),
      test_code: `${check.maxPoints} points${check.hidden ? ', hidden check' : ''}${check.review ? `. ${REVIEW_LABEL}: ${check.review}` : ''}`,
      task_id: index + 1,
    })),
  );
  const labError = report.labs.find((lab) => lab.error && lab.checks.length === 0)?.error;
  const status = labError && tests.length === 0 ? 'error' : tests.every((t) => t.status === 'pass') && tests.length > 0 ? 'pass' : 'fail';
  return `${JSON.stringify({ version: 3, status, ...(status === 'error' ? { message: labError } : {}), tests }, null, 2)}\n`;
}
