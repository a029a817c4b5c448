/**
 * A source of vendor time. The vendor has one clock; each tenant reads its own clock derived from
 * it (tenants/tenant-clock.ts). Everything time-based (token expiry, rate-limit refill, webhook
 * timestamps, job progress) reads `now()`, so tests and graded runs can jump ahead through the
 * admin API instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the vendor sees it. */
  now(): number;
  /** Moves vendor time forward; real time keeps flowing on top of it unless frozen. */
  advance(ms: number): void;
  /** Milliseconds the vendor is ahead of the wall clock. */
  offsetMs(): number;
  /** Calls `listener` whenever this clock is advanced; returns the unsubscribe. */
  onAdvance(listener: (ms: number) => void): () => void;
}

export interface ClockOptions {
  /** Start at this instant and stand still until advanced (tests). Default: follow the wall clock. */
  frozenAt?: number;
}

export function createClock(options: ClockOptions = {}): Clock {
  const frozen = options.frozenAt !== undefined;
  let base = options.frozenAt ?? 0;
  const listeners = new Set<(ms: number) => void>();
  return {
    now: frozen ? () => base : () => Date.now() + base,
    advance(ms) {
      checkAdvance(ms);
      base += ms;
      for (const listener of listeners) listener(ms);
    },
    offsetMs: frozen ? () => base - Date.now() : () => base,
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Clocks only move forward, by a finite amount. */
export function checkAdvance(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Cannot advance the clock by ${ms} ms: give a finite, non-negative number.`);
}
