import { z } from 'zod';
import { ProblemError } from '../http/problem.ts';
import { defineRequestFault } from './fault.ts';

const CODES: Record<number, string> = {
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** The vendor answers with a server error instead of doing the work. */
export const status = defineRequestFault({
  name: 'status',
  description: 'Answers with a 5xx problem (default 503) without doing the work; optionally with Retry-After.',
  options: z
    .object({
      status: z.number().int().min(500).max(599).default(503),
      retryAfterSeconds: z.number().int().min(0).optional(),
    })
    .strict(),
  apply({ options, sendProblem }) {
    sendProblem(
      new ProblemError({
        code: CODES[options.status] ?? 'internal_error',
        status: options.status,
        detail: 'Acme CRM is having trouble right now. The request was not processed; it is safe to retry.',
        headers: options.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(options.retryAfterSeconds) },
      }),
    );
    return { kind: 'handled' };
  },
});
