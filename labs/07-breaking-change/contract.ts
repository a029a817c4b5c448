/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import type { AlertSink, Logger, RecordStore } from '../platform/index.ts';

/** The Acme API version this integration was built and tested against: send it on every request. */
export const PINNED_ACME_VERSION = '2025-03-01';

/** A deal as `GET /v1/deals` sent it when the integration was written (see /docs). */
export interface AcmeDealV1 {
  id: string;
  contact_id: string;
  title: string;
  /** Integer, in the minor unit of `currency` (cents). */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  stage: 'open' | 'won' | 'lost';
  /** YYYY-MM-DD, or null. */
  close_date: string | null;
  created_at: string;
  updated_at: string;
}

/** Our platform's deal record, as the sales dashboard reads it (mapping table in the README). */
export interface Deal {
  externalId: string;
  source: 'acme-crm';
  contactId: string;
  title: string;
  /** Integer minor units, never a string, never a float. */
  amountMinor: number;
  currency: string;
  stage: 'open' | 'won' | 'lost';
  closeDate: string | null;
}

/** A record Acme sent that did not fit the schema: kept aside with the reason, never written as a Deal. */
export interface QuarantinedDeal {
  /** The Acme id, when the record had one. */
  externalId: string;
  /** What did not fit, one entry per field: e.g. "amount: expected number, received string". */
  reasons: string[];
  /** The record exactly as Acme sent it. */
  payload: unknown;
}

/** What `createDealSync` receives. */
export interface DealSyncDeps {
  /** `VENDOR_BASE_URL`, `VENDOR_CLIENT_ID`, `VENDOR_CLIENT_SECRET`. Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Where alerts for humans go (drift, the endpoint moving). */
  alerts: AlertSink;
  /** The platform's deal store (keyed by `externalId`). */
  deals: RecordStore<Deal>;
  /** Where records that fail validation go (keyed by `externalId`). */
  quarantine: RecordStore<QuarantinedDeal>;
  /** Per-request timeout. Default 10 000. */
  timeoutMs?: number;
}

/** One run of the sync. */
export interface SyncReport {
  /** Ids written to the deal store in this run. */
  written: string[];
  /** Ids put in quarantine in this run. */
  quarantined: string[];
}

export interface DealSync {
  /**
   * Reads every deal from `GET /v1/deals` and writes the valid ones to the store. One sync object
   * lives across many runs (the nightly job keeps it), so it can remember what it already reported.
   * Rejects with an error naming the successor when the endpoint has moved or is gone.
   */
  syncDeals(): Promise<SyncReport>;
}

export interface Lab07 {
  createDealSync(deps: DealSyncDeps): DealSync;
}
