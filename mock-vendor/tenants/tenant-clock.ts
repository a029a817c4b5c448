import { checkAdvance, type Clock } from '../clock.ts';

/** What `GET /__admin/tenants/:id/clock` answers. */
export interface TenantClockState {
  /** The tenant's now, epoch ms. */
  nowMs: number;
  /** How far the tenant's own advances put it ahead of the vendor clock. */
  offsetMs: number;
  /** How far the vendor clock is ahead of the wall clock (what `GET /__admin/clock` calls `offsetMs`). */
  vendorOffsetMs: number;
}

/**
 * One tenant's time: the vendor clock plus the tenant's own offset (decision 011). Advancing it
 * moves this tenant alone; advancing the vendor clock moves every tenant, so its listeners hear
 * both.
 */
export class TenantClock implements Clock {
  #offsetMs = 0;
  readonly #listeners = new Set<(ms: number) => void>();

  constructor(private readonly vendorClock: Clock) {}

  now(): number {
    return this.vendorClock.now() + this.#offsetMs;
  }

  advance(ms: number): void {
    checkAdvance(ms);
    this.#offsetMs += ms;
    for (const listener of this.#listeners) listener(ms);
  }

  /** Ahead of the wall clock: the vendor's offset plus the tenant's own. */
  offsetMs(): number {
    return this.vendorClock.offsetMs() + this.#offsetMs;
  }

  /** Ahead of the vendor clock, by this tenant's own advances only. */
  tenantOffsetMs(): number {
    return this.#offsetMs;
  }

  onAdvance(listener: (ms: number) => void): () => void {
    this.#listeners.add(listener);
    const stopHearingVendor = this.vendorClock.onAdvance(listener);
    return () => {
      this.#listeners.delete(listener);
      stopHearingVendor();
    };
  }

  describe(): TenantClockState {
    return { nowMs: this.now(), offsetMs: this.#offsetMs, vendorOffsetMs: this.vendorClock.offsetMs() };
  }
}
