import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../harness/lab-target.ts';

/** A small, plausible bug in lab 09's given client. The learner's suite should fail against it. */
export interface Mutant {
  /** Its file name, e.g. "no-retry". */
  id: string;
  /** What the broken client does, read after "a client that …". */
  mistake: string;
  /** The test that would have caught it, as advice to the learner. */
  hint: string;
  /** Edits to the given client; each `find` must occur in it exactly once. */
  edits: readonly { find: string; replace: string }[];
}

export const defineMutant = (mutant: Mutant): Mutant => mutant;

/** The client the learner receives, as the grader keeps it (the learner's copy is never graded). */
export const GIVEN_CLIENT = join(REPO_ROOT, 'labs', '09-testing-before-release', 'starter', 'client.ts');

export const givenClientSource = (): string => readFileSync(GIVEN_CLIENT, 'utf8');

/** The given client with the mutant's edits applied; an edit that no longer fits the client is an authoring error. */
export function mutate(source: string, mutant: Mutant): string {
  return mutant.edits.reduce((text, { find, replace }) => {
    const count = text.split(find).length - 1;
    if (count !== 1) {
      throw new Error(`Mutant "${mutant.id}" does not fit the given client: ${JSON.stringify(find)} occurs ${count} times in ${GIVEN_CLIENT}, not once. Update the mutant's edits.`);
    }
    return text.replace(find, () => replace);
  }, source);
}
