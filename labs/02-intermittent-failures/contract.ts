/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import type { Logger, RecordStore } from '../platform/index.ts';

/** Fields of an Acme contact the sync may change, as Acme's v1 API spells them (PATCH body). */
export interface ContactChanges {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string | null;
  company?: string | null;
  country?: string | null;
  opt_in?: 'Y' | 'N';
}

/** One pending change in our platform: send `changes` to Acme contact `id`. */
export interface ContactUpdate {
  id: string;
  changes: ContactChanges;
}

export interface RetryOptions {
  /** Delay before the first retry; later retries wait exponentially longer (with jitter). */
  baseDelayMs: number;
  /** Attempts per record, the first one included. */
  maxAttempts: number;
}

/** What `createSyncClient` receives. The checks pass small numbers so they run fast. */
export interface SyncClientDeps {
  /** `VENDOR_BASE_URL`, `VENDOR_CLIENT_ID`, `VENDOR_CLIENT_SECRET`. Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Where your structured log lines go (pino). */
  logger?: Logger;
  retry?: Partial<RetryOptions>;
  /** Per-request timeout. Default 10 000. */
  timeoutMs?: number;
  /** How many records may be in flight at once. Default 4. */
  concurrency?: number;
}

/** A record that did not reach Acme, and why (the vendor's problem code and detail, or the last error). */
export interface RecordOutcome {
  id: string;
  /** HTTP status of the last answer, or null when there was none (timeout, reset). */
  status: number | null;
  reason: string;
}

export interface SyncReport {
  /** Ids of the records Acme accepted. */
  synced: string[];
  /** Records Acme refused on their content (a 4xx other than 408 and 429): never retried. */
  poisoned: RecordOutcome[];
  /** Records still failing after `maxAttempts` attempts. */
  failed: RecordOutcome[];
}

export interface SyncClient {
  /** Sends every update in the store to Acme and reports what happened to each: it never throws for one record. */
  syncContacts(updates: RecordStore<ContactUpdate>): Promise<SyncReport>;
}

/** The causes a diagnosis may name. Only some of them are in the production log. */
export const CAUSES = [
  'token-expired-mid-run',
  'rate-limited',
  'endpoint-hangs',
  'server-errors',
  'connection-resets',
  'poison-record',
  'invalid-credentials',
  'schema-drift',
  'truncated-responses',
  'dns-failures',
] as const;

export type Cause = (typeof CAUSES)[number];

/** `src/diagnosis.json`: each cause you found, with request ids from the production log that prove it. */
export interface Diagnosis {
  causes: { cause: Cause; requestIds: string[]; note?: string }[];
}

export interface Lab02 {
  createSyncClient(deps?: SyncClientDeps): SyncClient;
  /** Returns your diagnosis (the starter reads `diagnosis.json` next to `index.ts`). */
  loadDiagnosis(): Diagnosis;
}
