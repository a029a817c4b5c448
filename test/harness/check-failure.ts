/**
 * A check that did not pass, with what was observed, in words a stuck learner can act on.
 * Anything else thrown during a check means the code under test crashed (status `error`).
 */
export class CheckFailure extends Error {
  constructor(feedback: string) {
    super(feedback);
    this.name = 'CheckFailure';
  }
}

/** Fails the check with `feedback` unless `condition` holds. */
export function ensure(condition: unknown, feedback: string | (() => string)): asserts condition {
  if (!condition) throw new CheckFailure(typeof feedback === 'function' ? feedback() : feedback);
}

/** A number of things, with the noun agreeing: `plural(1, 'request')` → "1 request". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
