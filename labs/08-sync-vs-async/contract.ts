/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import type { Express } from 'express';
import type { Logger, RecordStore } from '../platform/index.ts';

export interface NewLead {
  email: string;
  name?: string;
  source?: string;
  note?: string;
}

/** One lead waiting in (or delivered from) the outbox. You write these; the checks read them. */
export interface OutboxEntry {
  /** Our id for the submission (the receipt's id); also the outbox record's id. */
  id: string;
  lead: NewLead;
  /** Chosen once, when the lead is submitted, and sent on every attempt to deliver it. */
  idempotencyKey: string;
  /** `failed`: Acme refused the lead itself (a 4xx other than 408, 409 or 429); retrying cannot help. */
  status: 'pending' | 'sent' | 'failed';
  /** Attempts made so far, across every worker pass. */
  attempts: number;
  /** Acme's lead id once delivered. */
  vendorLeadId: string | null;
  lastError: string | null;
}

/** What the salesperson's click gets back at once. */
export interface LeadReceipt {
  id: string;
  status: 'pending';
}

/** What one worker pass did. */
export interface DeliveryReport {
  sent: number;
  stillPending: number;
}

export interface OutboxDeps {
  /** Defaults to `process.env`: VENDOR_BASE_URL, VENDOR_CLIENT_ID, VENDOR_CLIENT_SECRET, optional VENDOR_TIMEOUT_MS. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** The durable outbox (`platform.store('lead-outbox')`). A restarted worker is given the same store. */
  outbox: RecordStore<OutboxEntry>;
}

export interface LeadOutbox {
  /** Records the lead for delivery and answers at once: it never waits on Acme. */
  submitLead(lead: NewLead): Promise<LeadReceipt>;
  /**
   * One worker pass: tries to deliver every pending lead, and resolves when the pass is over.
   * A lead that could not be delivered stays pending for the next pass. A scheduler calls this
   * every few seconds; the checks call it directly.
   */
  deliverPending(): Promise<DeliveryReport>;
}

/** A contact row for the bulk import (the v1 create body, see /docs). */
export interface ContactRow {
  first_name: string;
  last_name: string;
  email: string;
  phone?: string | null;
  company?: string | null;
  status?: number;
  country?: string | null;
  opt_in?: 'Y' | 'N';
}

/** A finished import job, as Acme reports it on GET /v1/jobs/{id}. */
export interface ImportResult {
  id: string;
  status: 'succeeded' | 'failed';
  total: number;
  processed: number;
  created: number;
  failed: { index: number; errors: { field: string; message: string }[] }[];
  created_ids: string[];
  completed_at: string;
}

export interface ImportDeps {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Give up (reject) once the job has run this long without finishing. Default 10 minutes. */
  deadlineMs?: number;
}

/** A contact as it arrives in `contact.*` webhook events (v1 shape). */
export interface SyncedContact {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  status: number;
  updated_at: string;
  [field: string]: unknown;
}

export interface ReceiverDeps {
  /** The subscription's `whsec_…` secret. */
  secret: string;
  /** Our copy of Acme's contacts, by Acme id: apply `contact.created` and `contact.updated` here. */
  contacts: RecordStore<SyncedContact>;
  /** Event ids already applied, if you want a durable place to remember them. */
  processedEvents: RecordStore<{ id: string; appliedAt: number }>;
  /** Milliseconds since the epoch, as Acme's clock reads it: use it for the timestamp tolerance. */
  now: () => number;
  logger?: Logger;
}

export interface Lab08 {
  createLeadOutbox(deps: OutboxDeps): LeadOutbox;
  /** Imports the rows through POST /v1/imports/contacts and resolves with the finished job. */
  importContacts(rows: ContactRow[], deps?: ImportDeps): Promise<ImportResult>;
  /** An Express app that receives Acme's deliveries on `POST /webhooks/acme`. */
  createWebhookReceiver(deps: ReceiverDeps): Express;
}
