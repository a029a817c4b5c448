import type { BreakerOptions } from '../../labs/05-lean-release/contract.ts';

export interface BreakerEvents {
  now: () => number;
  onOpen: () => void;
  onClose: () => void;
}

/** Closed, then open after consecutive failures, then half-open for one probe once the cool-down is over. */
export function createCircuitBreaker({ failureThreshold, coolDownMs }: BreakerOptions, { now, onOpen, onClose }: BreakerEvents) {
  let failures = 0;
  let openedAt: number | undefined;
  let probing = false;

  const coolingDown = () => openedAt !== undefined && (probing || now() - openedAt < coolDownMs);

  return {
    isOpen: coolingDown,
    /** Whether a request may go out now; after the cool-down, only one probe until it answers. */
    tryAcquire(): boolean {
      if (coolingDown()) return false;
      if (openedAt !== undefined) probing = true;
      return true;
    },
    success(): void {
      if (openedAt !== undefined) onClose();
      failures = 0;
      openedAt = undefined;
      probing = false;
    },
    failure(): void {
      if (probing) {
        probing = false;
        openedAt = now();
      } else if (openedAt === undefined && ++failures >= failureThreshold) {
        openedAt = now();
        onOpen();
      }
    },
  };
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>;
