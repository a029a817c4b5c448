import type { Response } from 'express';
import type { TakeResult } from './token-bucket.ts';

export const RATE_LIMIT_POLICY_NAME = 'default';

/**
 * Advertises the quota twice: as draft-ietf-httpapi-ratelimit-headers-11 structured fields
 * (`RateLimit-Policy: "default";q=600;w=60`, `RateLimit: "default";r=599;t=1`), and as the
 * `X-RateLimit-*` trio many vendors still send (`X-RateLimit-Reset` in epoch seconds).
 */
export function setRateLimitHeaders(res: Response, result: TakeResult, windowSeconds: number, nowMs: number): void {
  res.setHeader('RateLimit-Policy', `"${RATE_LIMIT_POLICY_NAME}";q=${result.limit};w=${windowSeconds}`);
  res.setHeader('RateLimit', `"${RATE_LIMIT_POLICY_NAME}";r=${result.remaining};t=${result.resetSeconds}`);
  res.setHeader('X-RateLimit-Limit', String(result.limit));
  res.setHeader('X-RateLimit-Remaining', String(result.remaining));
  res.setHeader('X-RateLimit-Reset', String(Math.ceil(nowMs / 1000) + result.resetSeconds));
  if (!result.allowed) res.setHeader('Retry-After', String(result.retryAfterSeconds));
}
