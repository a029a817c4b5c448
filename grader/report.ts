/** How every human-readable report introduces a check's `review`. */
export const REVIEW_LABEL = 'For a person to read';

/** A check's feedback when the lab's own message (`LabReport.error`) says why no check could pass. */
export const NOT_RUN = 'Not run: see the message for the whole lab above.';

/** The grade report; its JSON form is documented in docs/grade-report.md. */
export interface CheckResult {
  title: string;
  points: number;
  maxPoints: number;
  /** `not-graded`: the check could not judge the code for a reason outside it (see `LabReport.notGraded`). */
  status: 'passed' | 'failed' | 'error' | 'not-graded';
  hidden: boolean;
  baseline: boolean;
  feedback: string;
  /** Present when the check only screens something a person should judge (prose): what to read for. */
  review?: string;
  /** The README tasks it grades (numbers of the lab's "Your tasks" list). */
  tasks: number[];
  durationMs: number;
  /**
   * The check failed, then passed when run once more in a fresh process with the same seed (batch
   * grading): counted as passed, and flagged for the reviewer with both runs' feedback.
   */
  unstable?: { firstRun: string; rerun: string };
}

/** A README task, and when no check grades it, what a person reads for instead. */
export interface TaskEntry {
  number: number;
  title: string;
  reviewedByAPerson?: string;
}

/**
 * The checks that grade the skill a lab exists for. A score says how much works; this says whether
 * the core does: a client can earn 90% and still miss an essential.
 */
export interface Essentials {
  checks: string[];
  /** Essential checks that did not pass (or did not run); empty when the essentials are met. */
  missed: string[];
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
  /** The run was cut short at a lab's wall limit (`--lab-timeout`): its checks that had not finished are errors. */
  stopped?: 'wall-limit';
  /**
   * The lab could not be graded for a reason outside the code under test (the vendor or the grader
   * failed, a wall limit no check's own deadline explains): why. Its points count in no score.
   */
  notGraded?: string;
  /** The README's tasks, for reports that group checks by task. */
  tasks?: TaskEntry[];
  essentials?: Essentials;
  checks: CheckResult[];
}

export interface GradeReport {
  target: string;
  score: number;
  points: number;
  maxPoints: number;
  durationMs: number;
  /** Every graded lab's essentials passed. */
  essentialsMet: boolean;
  /** Ids of labs that could not be graded (`LabReport.notGraded`); absent when every lab was. */
  notGraded?: string[];
  labs: LabReport[];
}

/** A percentage with one decimal; nothing to earn scores 0. */
export function percentage(points: number, maxPoints: number): number {
  return maxPoints === 0 ? 0 : Math.round((points / maxPoints) * 1000) / 10;
}

/** The report's totals count graded labs only: a lab that was not graded is named, never scored 0. */
export function summarise(target: string, labs: LabReport[], durationMs: number): GradeReport {
  const graded = labs.filter((lab) => !lab.notGraded);
  const points = graded.reduce((sum, lab) => sum + lab.points, 0);
  const maxPoints = graded.reduce((sum, lab) => sum + lab.maxPoints, 0);
  const notGraded = labs.filter((lab) => lab.notGraded).map((lab) => lab.id);
  return {
    target, score: percentage(points, maxPoints), points, maxPoints, durationMs,
    essentialsMet: graded.every(essentialsAreMet),
    ...(notGraded.length > 0 ? { notGraded } : {}),
    labs,
  };
}

/** A lab that could not be graded has not shown its essentials either. */
export function essentialsAreMet(lab: LabReport): boolean {
  return lab.checks.length > 0 && (lab.essentials?.missed.length ?? 0) === 0;
}

/** "essentials met", or which are missed: the line every report format shows beside a lab's score. */
export function essentialsLine(lab: LabReport): string | undefined {
  if (!lab.essentials || lab.essentials.checks.length === 0) return undefined;
  const { missed } = lab.essentials;
  return missed.length === 0 ? 'essentials met' : `essentials missed: ${missed.join('; ')}`;
}

export interface ScorePart {
  points: number;
  maxPoints: number;
  score: number;
}

/**
 * A lab's score in the two parts its README explains: the visible checks (the README's table, what a
 * take-home candidate can run) and the hidden take-home checks; `takehome` is absent when none ran.
 */
export function scoreParts(lab: LabReport): { visible: ScorePart; takehome?: ScorePart } {
  const part = (checks: CheckResult[]): ScorePart => {
    const points = checks.reduce((sum, c) => sum + c.points, 0);
    const maxPoints = checks.reduce((sum, c) => sum + c.maxPoints, 0);
    return { points, maxPoints, score: percentage(points, maxPoints) };
  };
  const hidden = lab.checks.filter((c) => c.hidden);
  return { visible: part(lab.checks.filter((c) => !c.hidden)), ...(hidden.length > 0 ? { takehome: part(hidden) } : {}) };
}

/** "visible checks 70/70 · take-home checks 14/14", or nothing when only visible checks ran. */
export function scorePartsLine(lab: LabReport): string | undefined {
  const { visible, takehome } = scoreParts(lab);
  if (!takehome) return undefined;
  return `visible checks ${visible.points}/${visible.maxPoints} (the README's table) · take-home checks ${takehome.points}/${takehome.maxPoints} (hidden; the README's "How it is graded" says what they add)`;
}

/** Which checks a lab's essentials missed, judged from the checks that ran. */
export function judgeEssentials(essential: readonly string[], checks: readonly CheckResult[]): Essentials {
  const passed = new Set(checks.filter((c) => c.status === 'passed').map((c) => c.title));
  // Without --hidden a hidden essential does not run: judge those that ran, or all when none could.
  const ran = new Set(checks.map((c) => c.title));
  const judged = checks.length === 0 ? [...essential] : essential.filter((title) => ran.has(title));
  return { checks: judged, missed: judged.filter((title) => !passed.has(title)) };
}

/** Checks grouped by the first README task each grades, in task order, visible before hidden; checks with no task last. */
export function checksByTask(lab: LabReport): { task: TaskEntry | undefined; checks: CheckResult[] }[] {
  const tasks = lab.tasks ?? [];
  const ordered = [...lab.checks.filter((c) => !c.hidden), ...lab.checks.filter((c) => c.hidden)];
  const groups = tasks.map((task) => ({ task: task as TaskEntry | undefined, checks: ordered.filter((c) => c.tasks?.[0] === task.number) }));
  const known = new Set(tasks.map((t) => t.number));
  const rest = ordered.filter((c) => c.tasks?.[0] === undefined || !known.has(c.tasks[0]));
  if (rest.length > 0) groups.push({ task: undefined, checks: rest });
  return groups.filter((g) => g.checks.length > 0 || g.task?.reviewedByAPerson);
}

export function labReport(lab: Omit<LabReport, 'score' | 'points' | 'maxPoints'>): LabReport {
  const points = lab.checks.reduce((sum, check) => sum + check.points, 0);
  const maxPoints = lab.checks.reduce((sum, check) => sum + check.maxPoints, 0);
  return { ...lab, score: percentage(points, maxPoints), points, maxPoints };
}
