/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Platform } from '../platform/index.ts';

/** The platform store the service keeps in step with Acme: `platform.store<PlatformContact>(CONTACTS_STORE)`. */
export const CONTACTS_STORE = 'contacts';

/** A contact in our platform, stored under its `id`. */
export interface PlatformContact {
  /** Our id and the store key: a contact created on our platform keeps the one it was created with; one pulled from Acme may use its Acme id. */
  id: string;
  /** Acme's id (`ct_…`), or null for a contact created on our platform that Acme does not have yet. */
  acmeId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  company: string | null;
  /** Acme's `updated_at` for the version we hold; null until Acme has the contact. */
  acmeUpdatedAt: string | null;
}

export interface SyncServiceDeps {
  /** `VENDOR_BASE_URL`, `VENDOR_CLIENT_ID`, `VENDOR_CLIENT_SECRET`. Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Logger, contacts store, alerts and counters. */
  platform: Platform;
  /** Per-request timeout. Default 5 000. */
  timeoutMs?: number;
  retry?: {
    /** Attempts per request, the first one included. Default 4. */
    maxAttempts?: number;
    /** Delay before the first retry; later ones wait longer. Default 200. */
    baseDelayMs?: number;
  };
  breaker?: {
    /** Consecutive failed calls to Acme (after their retries) that open the breaker. Default 3. */
    failureThreshold?: number;
    /** How long the breaker stays open before it lets one call try again. Default 30 000. */
    cooldownMs?: number;
  };
}

/** What one run of the sync did. */
export interface SyncRunReport {
  /** True when the run read all of Acme's contacts and every contact created on our platform is now at Acme. */
  ok: boolean;
  /** Platform contacts inserted or updated from Acme. */
  pulled: number;
  /** Platform contacts removed because Acme no longer has them. */
  deleted: number;
  /** Contacts created at Acme from our platform. */
  pushed: number;
  /** Set when the run did not call Acme at all because the breaker is open. */
  skipped?: 'breaker-open';
  /** Why the run is not ok, in words for on-call. Never a secret. */
  error?: string;
}

/** The body of `GET /health`. */
export interface Health {
  /** `ok` only when Acme is reachable and the breaker is closed. */
  status: 'ok' | 'degraded';
  vendor: {
    /** Whether the last call to Acme got an answer from Acme (a timeout, a reset or a 5xx is not one). */
    reachable: boolean;
    /** When that last call ended (ISO 8601), or null before the first. */
    lastCheckedAt: string | null;
    /** What went wrong on the last failed call (status, problem code or error code), or null. */
    lastError: string | null;
  };
  /** When the last run that returned `ok: true` finished (ISO 8601), or null if none has yet. */
  lastSuccessfulSync: string | null;
  breaker: 'closed' | 'open' | 'half-open';
}

export interface SyncService {
  /** One run: pull from Acme, push what our platform created. Never throws; says what happened. */
  syncOnce(): Promise<SyncRunReport>;
  /**
   * Answers `GET /health` with a `Health` body: HTTP 200 when `status` is `ok`, 503 otherwise.
   * It reports what the service knows; it does not call Acme.
   */
  healthHandler(req: IncomingMessage, res: ServerResponse): void;
}

export interface Lab10 {
  createSyncService(deps: SyncServiceDeps): SyncService;
  /** Returns your RUNBOOK.md (the starter reads it next to `index.ts`; keep it that way). */
  loadRunbook(): string;
}
