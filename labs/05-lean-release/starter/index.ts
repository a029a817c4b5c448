/**
 * Lab 05: live by Friday, without a fragile integration. Read ../README.md first.
 *
 * Everything the checks call is declared in ../contract.ts. Keep the `createLeanSync` export; how
 * you organise the rest (more files in this folder are fine: a small circuit-breaker.ts reads well)
 * is up to you. axios, axios-retry and pino are installed. Write the breaker yourself: it is a
 * few lines, and you should be able to explain every one of them.
 */
import { AlertSink, Counters } from '../../platform/index.ts';
import type { ContactUpdate, LeanSync, LeanSyncDeps, SyncReport } from '../contract.ts';

export function createLeanSync({
  env = process.env,
  logger,
  alerts = new AlertSink(),
  counters = new Counters(),
  now = Date.now,
  retry = {},
  timeoutMs = 5_000,
  deadlineMs = 15_000,
  breaker = {},
}: LeanSyncDeps = {}): LeanSync {
  // TODO (task 1): read VENDOR_BASE_URL, VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET from `env`;
  //   get a token (client credentials, scope contacts:write) when you first need one, and keep it.
  // TODO (task 2): retry failed requests (no answer, 429, 5xx) with axios-retry, waiting about
  //   baseDelayMs × 2^(n-1) before retry n, at most maxAttempts attempts, each with timeoutMs.
  // TODO (task 3): give each record a deadline of deadlineMs that also cancels the attempt in flight.
  // TODO (task 4): a circuit breaker (measure time with `now()`, never Date.now): open after
  //   failureThreshold failed requests in a row, send nothing while open, one probe after coolDownMs.
  // TODO (task 5): the kill switch (KILL_SWITCH in contract.ts), read from `env` for every record.
  // TODO (task 6): one alert per outage, and the COUNTERS from contract.ts.
  const { baseDelayMs = 250, maxAttempts = 4 } = retry;
  const { failureThreshold = 5, coolDownMs = 60_000 } = breaker;
  void [env, logger, alerts, counters, now, timeoutMs, deadlineMs, baseDelayMs, maxAttempts, failureThreshold, coolDownMs];

  return {
    async syncContacts(updates: readonly ContactUpdate[]): Promise<SyncReport> {
      // TODO: PATCH /v1/contacts/{id} with each update's changes, one record after another, and
      //   put every record in the report: synced, failed (sent, did not make it) or skipped (nothing
      //   sent: breaker open or kill switch on). Never throw for one record.
      throw new Error(`syncContacts is not written yet (lab 05); ${updates.length} updates are waiting.`);
    },
  };
}
