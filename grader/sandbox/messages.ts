/** What a learner reads when the sandbox had to end their code. Used on both sides of the boundary. */

/** The code threw where nothing caught it. */
export function crashed(what: string): string {
  return `Your code crashed with an error nothing caught: ${what}. An exception thrown in a callback or timer, or a promise rejection nobody handled, ends the whole program; catch it where it happens.`;
}

export function exited(code: number): string {
  return `Your code ended the program (process.exit(${code})) while it was being graded. Library code should throw an error instead of exiting.`;
}

export function describe(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    text = 'a value that cannot be shown';
  }
  return text.replace(/[.\s]+$/, '');
}
