import type { GradeReport } from '../report.ts';
import type { TakehomeRecord } from '../takehome/record.ts';

/**
 * Grading one candidate's folder is done by a pluggable runner, so the batch (`--submissions`), a
 * single returned folder (`--target DIR` with a takehome.json) and the container mode (`--isolate`)
 * share everything except *how* the untrusted code is run.
 *
 * A runner's contract:
 * - Grade only the candidate's `labs/<id>/src/` for each lab in `options.labs` (a folder laid out as
 *   `<id>/src/` or `<id>/` is accepted too: see `findCandidateSource`), against the **project's** own
 *   checks, lab folders and platform, never anything else from the candidate's folder.
 * - Use `options.seeds` for the scenario seed of each lab, and run hidden checks when `includeHidden`.
 * - Give the candidate's code none of the interviewer's secrets: no `VENDOR_ADMIN_TOKEN`, no other
 *   environment of the grading process (see `scrubbedEnv`).
 * - Stop after `options.timeoutMs` whatever the code does (hang, busy loop, child processes), and
 *   resolve, never reject: a crash or a timeout is a `CandidateResult` with that status, so one
 *   submission cannot stop a batch.
 * - Take the report from a channel the candidate's code is least able to write to (the default
 *   runner uses an extra pipe, not a file in the working folder or stdout), and say in its docs
 *   how far that goes.
 *
 * Implementations: `child-process-runner.ts` (default: own process group, time bound, scrubbed
 * environment, a fresh temporary copy) and, with `--isolate`, the container runner in
 * `grader/isolate/` (own container, no network, only this submission and the project's checks).
 */
export type SubmissionRunner = (candidate: Candidate, options: RunnerOptions) => Promise<CandidateResult>;

export interface Candidate {
  /** Shown in the summary: the folder's name. */
  name: string;
  /** The returned folder, as the candidate sent it (read only; never run in place). */
  dir: string;
}

export interface RunnerOptions {
  /** Lab ids to grade, e.g. ['01-first-integration', '04-secure-auth']. */
  labs: string[];
  /** Scenario seed per lab id, from the interviewer's takehome.json; missing = the scenario's own. */
  seeds: Record<string, number>;
  includeHidden: boolean;
  /** Wall-clock bound for the whole candidate, start-up included. */
  timeoutMs: number;
  /** The authoritative record (interviewer's copy when found), for runners that need more of it. */
  record?: TakehomeRecord;
  /** Run only these checks (titles per lab id): the rerun of failed checks that tells an unstable check. */
  onlyChecks?: Record<string, string[]>;
}

/**
 * `graded`: a report came back (scores may be low). `not-graded`: no verdict, for a reason outside the
 * candidate's code (`notGraded` says which): never a score of 0. `unusable`: the folder holds no work
 * to grade (the candidate's side).
 */
export type CandidateStatus = 'graded' | 'not-graded' | 'unusable';

/** Why a candidate was not graded: the grader process died, the time bound passed, the container failed, the runner threw. */
export type NotGradedReason = 'grader-crashed' | 'time-bound' | 'container' | 'runner-failed';

export interface CandidateResult {
  candidate: string;
  status: CandidateStatus;
  notGraded?: NotGradedReason;
  report?: GradeReport;
  /** Wall time the runner took for this candidate. */
  durationMs: number;
  /** Why there is no report (the reason not graded, with the grader's last words; an unusable folder). */
  message?: string;
  /** Things the interviewer should know (edited checks, seeds from the candidate's own copy). */
  notes: string[];
  /** When grading this candidate finished (ISO). */
  gradedAt?: string;
  /** The bundle id from the record, when there is one. */
  bundleId?: string;
  /** When the bundle was made, and the last change to the candidate's work (ISO), if known. */
  sentAt?: string;
  lastEditAt?: string;
}
