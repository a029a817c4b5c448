/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import type { AlertSink, Counters, Logger } from '../platform/index.ts';

/** Configuration that switches all Acme traffic off: `on` stops it, `off` or unset lets it run. */
export const KILL_SWITCH = 'ACME_SYNC_KILL_SWITCH';

/** The counters a dashboard reads (`platform.counters`), and what each one counts. */
export const COUNTERS = {
  /** Every HTTP request sent to Acme: token requests and retries included. */
  requests: 'acme.requests',
  /** Those of them that got no answer (timeout, reset) or a 5xx. */
  requestsFailed: 'acme.requests_failed',
  /** Times the breaker opened after consecutive failures (a failed half-open probe does not count again). */
  breakerOpened: 'acme.breaker_opened',
  /** Records, summed over every run, as the reports put them. */
  recordsSynced: 'sync.records_synced',
  recordsFailed: 'sync.records_failed',
  recordsSkipped: 'sync.records_skipped',
} as const;

/** Fields of an Acme contact the sync may change, as Acme's v1 API spells them (PATCH body). */
export interface ContactChanges {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string | null;
  company?: string | null;
}

/** One pending change in our platform: send `changes` to Acme contact `id`. */
export interface ContactUpdate {
  id: string;
  changes: ContactChanges;
}

export interface RetryOptions {
  /** Delay before the first retry; later retries wait exponentially longer. */
  baseDelayMs: number;
  /** Attempts per record, the first one included. */
  maxAttempts: number;
}

export interface BreakerOptions {
  /** Consecutive failed requests (no answer, or a 5xx) that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one probe may go out, measured with `now()`. */
  coolDownMs: number;
}

/** What `createLeanSync` receives. The checks pass small numbers so they run fast. */
export interface LeanSyncDeps {
  /**
   * `VENDOR_BASE_URL`, `VENDOR_CLIENT_ID`, `VENDOR_CLIENT_SECRET` and the kill switch
   * (`ACME_SYNC_KILL_SWITCH`). Defaults to `process.env`. An operator may change the kill switch
   * while the process runs: read it again for every record.
   */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Where alerts for on-call go. */
  alerts?: AlertSink;
  /** What a dashboard reads; see COUNTERS for the names. */
  counters?: Counters;
  /**
   * The current time in milliseconds: measure the breaker's cool-down with it. Defaults to
   * `Date.now`; the checks pass Acme's clock so that they can move time instead of waiting.
   */
  now?: () => number;
  retry?: Partial<RetryOptions>;
  /** Timeout of one attempt. Default 5 000. */
  timeoutMs?: number;
  /** Deadline of one record's whole operation: every attempt and every wait between them. Default 15 000. */
  deadlineMs?: number;
  breaker?: Partial<BreakerOptions>;
}

/** A record that was sent and did not make it: the last answer's status (null when there was none) and why. */
export interface FailedRecord {
  id: string;
  status: number | null;
  reason: string;
}

/** A record nothing was sent for: the breaker was open, or the kill switch was on. */
export interface SkippedRecord {
  id: string;
  reason: 'breaker-open' | 'kill-switch';
}

export interface SyncReport {
  synced: string[];
  failed: FailedRecord[];
  skipped: SkippedRecord[];
}

export interface LeanSync {
  /** Sends each update to Acme, one record after another, and reports every record: it never throws for one. */
  syncContacts(updates: readonly ContactUpdate[]): Promise<SyncReport>;
}

export interface Lab05 {
  /** One client for the life of the process: the breaker's state lives across `syncContacts` calls. */
  createLeanSync(deps?: LeanSyncDeps): LeanSync;
}
