import { judgeEssentials, labReport, summarise, type GradeReport, type LabReport } from '../report.ts';

/**
 * The checks worth running again: those that failed in a lab that was graded. A lab whose every check
 * failed the same way (code that does not load) or that was not graded is left alone: a rerun would
 * only repeat that.
 */
export function failedChecks(report: GradeReport): Record<string, string[]> {
  const wanted: Record<string, string[]> = {};
  for (const lab of report.labs) {
    if (lab.notGraded || lab.error) continue;
    const failed = lab.checks.filter((c) => c.status === 'failed' || c.status === 'error').map((c) => c.title);
    if (failed.length > 0) wanted[lab.id] = failed;
  }
  return wanted;
}

/**
 * The first report, with every check that failed there and passed in the rerun marked `unstable`:
 * counted as passed, both runs' feedback kept for the reviewer. A check that failed both times keeps
 * its first verdict and feedback.
 */
export function withRerun(first: GradeReport, rerun: GradeReport): GradeReport {
  const labs = first.labs.map((lab): LabReport => {
    const again = rerun.labs.find((l) => l.id === lab.id);
    if (!again || again.notGraded) return lab;
    let changed = false;
    const checks = lab.checks.map((check) => {
      const second = again.checks.find((c) => c.title === check.title);
      if (check.status === 'passed' || second?.status !== 'passed') return check;
      changed = true;
      return { ...check, status: 'passed' as const, points: check.maxPoints, feedback: second.feedback, unstable: { firstRun: check.feedback, rerun: second.feedback || 'passed' } };
    });
    if (!changed) return lab;
    const { score: _s, points: _p, maxPoints: _m, ...rest } = lab;
    return labReport({ ...rest, checks, essentials: judgeEssentials(lab.essentials?.checks ?? [], checks) });
  });
  return summarise(first.target, labs, first.durationMs);
}

/** Every unstable check of a report, for the batch summary. */
export function unstableChecks(report: GradeReport | undefined): { lab: string; title: string; firstRun: string; rerun: string }[] {
  return (report?.labs ?? []).flatMap((lab) => lab.checks.filter((c) => c.unstable).map((c) => ({ lab: lab.id, title: c.title, ...c.unstable! })));
}
