import { z } from 'zod';
import { ProblemError } from '../http/problem.ts';
import { setRateLimitHeaders } from '../rate-limit/rate-limit-headers.ts';
import { defineRequestFault } from './fault.ts';

/**
 * As if a burst of other traffic on the same account had just used up the quota: the bucket is
 * emptied and this request is refused like the real limiter would refuse it. Requests that follow
 * meet the real limiter, so they stay limited until the bucket refills.
 */
export const rateBurst = defineRequestFault({
  name: 'rate-burst',
  description: "Empties the tenant's rate-limit bucket and answers 429 with Retry-After: retryAfterSeconds; later requests stay limited until it refills.",
  options: z
    .object({ retryAfterSeconds: z.number().int().min(0).max(3_600).default(1) })
    .strict(),
  apply({ res, clock, options, exhaustRateLimit, sendProblem }) {
    exhaustRateLimit();
    const bucket = res.locals.exchange.tenant?.bucket;
    if (bucket) {
      const now = clock.now();
      // An empty bucket refuses without taking a token: these are the headers the real limiter sends.
      setRateLimitHeaders(res, bucket.take(now), bucket.windowSeconds, now);
    }
    sendProblem(
      new ProblemError({
        code: 'rate_limited',
        detail: `Too many requests on this account. Wait ${options.retryAfterSeconds} s (Retry-After) before trying again.`,
        headers: { 'Retry-After': String(options.retryAfterSeconds) },
      }),
    );
    return { kind: 'handled' };
  },
});
