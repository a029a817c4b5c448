import type { RequestHandler } from 'express';
import { ProblemError } from '../http/problem.ts';
import type { Vendor } from '../vendor.ts';
import { setRateLimitHeaders } from './rate-limit-headers.ts';

/** One token from the tenant's bucket per API request; an empty bucket is a 429 with Retry-After. */
export function enforceRateLimit(vendor: Vendor): RequestHandler {
  return function enforceRateLimitMiddleware(_req, res, next) {
    const tenant = res.locals.exchange.tenant;
    if (!tenant) return next();
    const now = tenant.clock.now();
    const result = tenant.bucket.take(now);
    setRateLimitHeaders(res, result, tenant.bucket.windowSeconds, now);
    if (!result.allowed) {
      throw new ProblemError({
        code: 'rate_limited',
        detail: `Rate limit of ${result.limit} requests per ${tenant.bucket.windowSeconds} s exceeded. Wait ${result.retryAfterSeconds} s (Retry-After) before trying again.`,
      });
    }
    next();
  };
}
