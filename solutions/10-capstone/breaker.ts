export type BreakerState = 'closed' | 'open' | 'half-open';

export class BreakerOpenError extends Error {
  constructor() {
    super('circuit breaker is open: not calling Acme CRM');
    this.name = 'BreakerOpenError';
  }
}

/** Opens after `failureThreshold` failures in a row; once `cooldownMs` has passed, one call may try again. */
export function createBreaker({ failureThreshold, cooldownMs, isFailure }: { failureThreshold: number; cooldownMs: number; isFailure: (error: unknown) => boolean }) {
  let failures = 0;
  let openedAt: number | undefined;
  const state = (): BreakerState => (openedAt === undefined ? 'closed' : Date.now() - openedAt < cooldownMs ? 'open' : 'half-open');

  return {
    state,
    async call<T>(work: () => Promise<T>): Promise<T> {
      if (state() === 'open') throw new BreakerOpenError();
      const trial = state() === 'half-open';
      try {
        const result = await work();
        failures = 0;
        openedAt = undefined;
        return result;
      } catch (error) {
        if (isFailure(error) && (trial || ++failures >= failureThreshold)) openedAt = Date.now();
        throw error;
      }
    },
  };
}
