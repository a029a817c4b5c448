import { z } from 'zod';
import { ProblemError } from '../http/problem.ts';
import { defineRequestFault } from './fault.ts';

/**
 * A header the vendor needs but never documented. Without it the vendor answers a bare
 * "Bad Request" that names nothing, as real vendors do: the client has to find out by itself.
 */
export const requireHeader = defineRequestFault({
  name: 'require-header',
  description: 'Refuses requests without the header (or with another value than value, if given) with an unhelpful 400 "Bad Request".',
  options: z
    .object({
      header: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name').default('Acme-Version'),
      value: z.string().optional(),
    })
    .strict(),
  apply({ req, options, sendProblem }) {
    const actual = req.get(options.header);
    if (actual !== undefined && (options.value === undefined || actual === options.value)) return { kind: 'continue' };
    sendProblem(new ProblemError({ code: 'bad_request', title: 'Bad Request', detail: 'Bad Request' }));
    return { kind: 'handled' };
  },
});
