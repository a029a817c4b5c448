/** How every human-readable report introduces a check's `review`. */
export const REVIEW_LABEL = 'For a person to read';

/** The grade report; its JSON form is the contract in DESIGN.md ("Names that tie the parts together"). */
export interface CheckResult {
  title: string;
  points: number;
  maxPoints: number;
  status: 'passed' | 'failed' | 'error';
  hidden: boolean;
  baseline: boolean;
  feedback: string;
  /** Present when the check only screens something a person should judge (prose): what to read for. */
  review?: string;
  durationMs: number;
}

export interface LabReport {
  id: string;
  title: string;
  score: number;
  points: number;
  maxPoints: number;
  seed: number | null;
  durationMs: number;
  /** Why the lab could not be graded at all (unknown id, no code, no checks ran). */
  error?: string;
  checks: CheckResult[];
}

export interface GradeReport {
  target: string;
  score: number;
  points: number;
  maxPoints: number;
  durationMs: number;
  labs: LabReport[];
}

/** A percentage with one decimal; nothing to earn scores 0. */
export function percentage(points: number, maxPoints: number): number {
  return maxPoints === 0 ? 0 : Math.round((points / maxPoints) * 1000) / 10;
}

export function summarise(target: string, labs: LabReport[], durationMs: number): GradeReport {
  const points = labs.reduce((sum, lab) => sum + lab.points, 0);
  const maxPoints = labs.reduce((sum, lab) => sum + lab.maxPoints, 0);
  return { target, score: percentage(points, maxPoints), points, maxPoints, durationMs, labs };
}

export function labReport(lab: Omit<LabReport, 'score' | 'points' | 'maxPoints'>): LabReport {
  const points = lab.checks.reduce((sum, check) => sum + check.points, 0);
  const maxPoints = lab.checks.reduce((sum, check) => sum + check.maxPoints, 0);
  return { ...lab, score: percentage(points, maxPoints), points, maxPoints };
}
