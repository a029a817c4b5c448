import { statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Lab09 } from '../../../labs/09-testing-before-release/contract.ts';
import { ensure, plural } from '../../harness/check-failure.ts';
import type { CheckContext } from '../../harness/graded-lab.ts';
import { givenClientSource, mutate, type Mutant } from './lab-09/mutant.ts';
import { passes, runSuiteAgainst, testFiles, type SuiteOutcome } from './lab-09/run-suite.ts';
import { VARIANTS } from './lab-09/variants.ts';

/** A test that hangs fails after this long (unless the suite sets its own timeout): against a mutant, that catches it. */
const TEST_TIMEOUT_MS = 5_000;
/** A safety net for the whole run (the suite against the given client and every mutant); it normally takes seconds. */
const DEADLINE_MS = 240_000;
/** A copy still running this long when the deadline stops the run hangs: against a mutant, CI would fail it too. */
const HUNG_AFTER_MS = 60_000;
/** Every check may wait for the whole run. */
export const CHECK_TIMEOUT_MS = DEADLINE_MS + 30_000;

const GIVEN = 'given-client';

export interface SuiteGrade {
  /** The folder holding client.ts and test/, relative to the working directory, for feedback. */
  folder: string;
  given: SuiteOutcome;
  /** The suite against the given client rewritten without changing its behaviour (variants.ts). */
  variants: Map<string, SuiteOutcome>;
  mutants: Map<string, SuiteOutcome>;
}

const grades = new Map<string, Promise<SuiteGrade>>();

/**
 * Runs the target's suite against the given client and against each mutant, once per target and
 * test file; every check of the file reads the same result.
 */
export function gradeSuite(t: CheckContext<Lab09>, mutants: readonly Mutant[]): Promise<SuiteGrade> {
  const root = statSync(t.sourcePath).isDirectory() ? t.sourcePath : dirname(t.sourcePath);
  let grade = grades.get(root);
  if (!grade) grades.set(root, (grade = runGrade(root, mutants)));
  return grade;
}

async function runGrade(root: string, mutants: readonly Mutant[]): Promise<SuiteGrade> {
  const folder = relative(process.cwd(), root) || root;
  const source = givenClientSource();
  const clients = new Map([[GIVEN, source], ...VARIANTS.map((v) => [v.id, v.rewrite(source)] as const), ...mutants.map((m) => [m.id, mutate(source, m)] as const)]);
  if (testFiles(join(root, 'test')).length === 0) {
    const none: SuiteOutcome = { state: 'finished', tests: [], errors: [] };
    return { folder, given: none, variants: new Map(VARIANTS.map((v) => [v.id, none])), mutants: new Map(mutants.map((m) => [m.id, none])) };
  }
  const outcomes = await runSuiteAgainst(root, clients, { gate: GIVEN, testTimeoutMs: TEST_TIMEOUT_MS, deadlineMs: DEADLINE_MS, hungAfterMs: HUNG_AFTER_MS });
  return {
    folder,
    given: outcomes.get(GIVEN)!,
    variants: new Map(VARIANTS.map((v) => [v.id, outcomes.get(v.id)!])),
    mutants: new Map(mutants.map((m) => [m.id, outcomes.get(m.id)!])),
  };
}

/** The gate: a suite that fails against working code is ignored, like a CI job that is always red. */
export function ensurePassesOnGivenClient({ folder, given }: SuiteGrade, before = ''): void {
  ensure(
    given.state !== 'finished' || given.tests.length > 0 || given.errors.length > 0,
    `${before}Found no tests in ${folder}/test/. Write your suite there as *.test.ts files (vitest and msw); the starter's test/client.test.ts shows the setup.`,
  );
  ensure(
    given.state !== 'hung',
    `${before}Your suite was still running against the given client after ${HUNG_AFTER_MS / 1000} s. Look for a test that waits on a real timer or a request that never gets an answer, and bound it.`,
  );
  ensure(given.state !== 'not-run', `${before}${OUT_OF_TIME}`);
  ensure(given.errors.length === 0, () => `${before}Your suite could not run against the given client: ${firstLine(given.errors[0]!)}. Run it yourself: npx vitest run --root ${folder}`);
  const failing = given.tests.filter((test) => test.state === 'failed');
  ensure(
    failing.length === 0,
    () =>
      `${before}${plural(failing.length, 'test')} of ${given.tests.length} failed against the given client, which works as its README says: ` +
      `${failing.slice(0, 3).map(describeFailure).join('; ')}. ` +
      `A suite that fails on correct code scores nothing: no mutant counts until every test passes. Fix the test or its expectation (npx vitest run --root ${folder}).`,
  );
}

/** No test may open a real connection: the grader refuses them all and records each attempt. */
export function ensureOffTheNetwork(grade: SuiteGrade, mutants: readonly Mutant[]): void {
  const runs = [{ against: 'the given client', outcome: grade.given }, ...mutants.map((m) => ({ against: `a client that ${m.mistake}`, outcome: grade.mutants.get(m.id)! }))];
  const attempts = runs.flatMap(({ against, outcome }) => outcome.tests.flatMap((test) => test.networkAttempts.map((where) => ({ against, test: test.name, where }))));
  ensure(
    attempts.length === 0,
    () =>
      `${plural(attempts.length, 'real network connection')} attempted${attempts.length > 1 ? ', e.g.' : ':'} "${attempts[0]!.test}" tried ${attempts[0]!.where} against ${attempts[0]!.against}. ` +
      `Tests must not reach Acme, its sandbox or anything else: start msw's setupServer with onUnhandledRequest: 'error' and give every request your test expects a handler.`,
  );
  ensurePassesOnGivenClient(grade);
}

/**
 * A suite that fails once the given client is reformatted or its internals renamed tests the text
 * of client.ts, not what it does: it would "kill" every mutant for the wrong reason.
 */
export function ensurePassesOnVariants(grade: SuiteGrade, before = ''): void {
  for (const variant of VARIANTS) {
    const outcome = grade.variants.get(variant.id)!;
    ensure(outcome.state !== 'not-run', `${before}${OUT_OF_TIME}`);
    ensure(
      passes(outcome),
      () =>
        `${before}Your suite passes against the given client but fails against the same client ${variant.change}` +
        `${outcome.tests.some((t) => t.state === 'failed') ? `: ${outcome.tests.filter((t) => t.state === 'failed').slice(0, 2).map(describeFailure).join('; ')}` : ''}. ` +
        `Nothing a user of the client can see changed, so the suite is testing the text of client.ts (its bytes, a hash, a snapshot of the source, line numbers), not its behaviour. ` +
        `Such a suite earns no mutant's points: test what the client does through createAcmeClient, with msw answering as Acme would.`,
    );
  }
}

/** The suite must go red against the mutant: a test fails, or the copy hangs (CI would fail that too). */
export function ensureKills(grade: SuiteGrade, mutant: Mutant): void {
  ensurePassesOnGivenClient(grade, 'This mutant cannot count yet. ');
  ensurePassesOnVariants(grade, 'This mutant cannot count yet. ');
  const outcome = grade.mutants.get(mutant.id)!;
  ensure(outcome.state !== 'not-run', OUT_OF_TIME);
  ensure(
    !passes(outcome),
    () => `${outcome.tests.length === 1 ? 'The one test' : `All ${outcome.tests.length} tests`} of your suite passed against a client that ${mutant.mistake}, so this bug would ship. ${mutant.hint}`,
  );
}

const OUT_OF_TIME = `Grading ran out of time (${DEADLINE_MS / 1000} s) before your suite got its turn; the machine may be busy. Grade again, and check that your tests use fake timers rather than real waits.`;

function describeFailure(test: SuiteOutcome['tests'][number]): string {
  const network = test.networkAttempts.length > 0 ? `; it tried a real connection to ${test.networkAttempts[0]}, which the grader refuses: mock Acme with msw` : '';
  return `"${test.name}" (${firstLine(test.error ?? 'no message')}${network})`;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim().replace(/[.\s]+$/, '') ?? '';
}
