export interface TakeResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
}

/**
 * `limit` requests per `windowSeconds`, refilled continuously: bursts up to `limit` are fine,
 * sustained traffic above `limit / windowSeconds` per second is not.
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    public limit: number,
    public windowSeconds: number,
    now: number,
  ) {
    this.#tokens = limit;
    this.#updatedAt = now;
  }

  get refillPerSecond(): number {
    return this.limit / this.windowSeconds;
  }

  take(now: number): TakeResult {
    this.#refill(now);
    const allowed = this.#tokens >= 1;
    if (allowed) this.#tokens -= 1;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.floor(this.#tokens),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - this.#tokens) / this.refillPerSecond)),
      resetSeconds: Math.ceil((this.limit - this.#tokens) / this.refillPerSecond),
    };
  }

  drain(now: number): void {
    this.#refill(now);
    this.#tokens = 0;
  }

  reconfigure(limit: number, windowSeconds: number, now: number): void {
    this.limit = limit;
    this.windowSeconds = windowSeconds;
    this.#tokens = limit;
    this.#updatedAt = now;
  }

  #refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.limit, this.#tokens + elapsedSeconds * this.refillPerSecond);
    this.#updatedAt = now;
  }
}
