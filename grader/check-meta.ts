/** What a graded check tells the grader about itself, through vitest's task metadata. */
export interface CheckMeta {
  points?: number;
  /** Passes on the untouched starter too; excluded from "the starter fails every check". */
  baseline?: boolean;
  /** Set on failure: `failed` (the behaviour was wrong) or `error` (the code could not load or crashed). */
  status?: 'failed' | 'error';
  /** Set by a check that passed with a figure worth showing (a measured latency); the report shows it as feedback. */
  note?: string;
  /** What a person should still read for: the check screens it, a reviewer judges it. */
  review?: string;
  /** The README tasks the check grades (numbers of the items under "Your tasks"). */
  tasks?: number[];
  /**
   * Set when the check could not judge the code for a reason outside it (Acme could not make a
   * tenant): the check is "not graded" with this reason, never a failure of the candidate's.
   */
  notGraded?: string;
}

declare module 'vitest' {
  interface TaskMeta extends CheckMeta {}
}
