import { isAxiosError, type AxiosInstance } from 'axios';
import { COUNTERS } from '../../labs/05-lean-release/contract.ts';
import type { Counters } from '../../labs/platform/index.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';

export class BreakerOpenError extends Error {
  constructor() {
    super('The circuit breaker is open: Acme CRM is failing, so nothing is sent until the cool-down is over.');
    this.name = 'BreakerOpenError';
  }
}

/**
 * Puts every request (retries and token requests included) through the breaker and the counters.
 * Install it before axios-retry, so the breaker sees each attempt's outcome before a retry asks to go out.
 */
export function guardRequests(http: AxiosInstance, breaker: CircuitBreaker, counters: Counters): void {
  http.interceptors.request.use((config) => {
    if (!config.signal?.aborted && !breaker.tryAcquire()) throw new BreakerOpenError();
    return config;
  });
  http.interceptors.response.use(
    (response) => {
      counters.increment(COUNTERS.requests);
      breaker.success();
      return response;
    },
    (error: unknown) => {
      if (isAxiosError(error) && error.request) {
        counters.increment(COUNTERS.requests);
        if (!error.response || error.response.status >= 500) {
          counters.increment(COUNTERS.requestsFailed);
          breaker.failure();
        } else breaker.success();
      }
      throw error;
    },
  );
}
