import type { z } from 'zod';
import { ProblemError } from '../http/problem.ts';

/** Parses a request body or answers 422 listing every field that is wrong. */
export function validateBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
  throw new ProblemError({
    code: 'validation_failed',
    detail: `The request body has ${errors.length} problem(s): ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}.`,
    extra: { errors },
  });
}

/** A 422 about one field the schema could not judge on its own (an id that points at nothing). */
export function fieldProblem(field: string, message: string): ProblemError {
  return new ProblemError({
    code: 'validation_failed',
    detail: `The request body has 1 problem(s): ${field}: ${message}.`,
    extra: { errors: [{ field, message }] },
  });
}
