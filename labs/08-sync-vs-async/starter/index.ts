/**
 * Lab 08: should the user wait for the vendor? Read ../README.md first.
 *
 * Everything the checks call is declared in ../contract.ts. Keep these three exports; how you
 * organise the rest (more files in this folder are fine) is up to you.
 */
import express, { type Express } from 'express';
import type { ContactRow, ImportDeps, ImportResult, LeadOutbox, OutboxDeps, ReceiverDeps } from '../contract.ts';

export function createLeadOutbox({ env = process.env, logger, outbox }: OutboxDeps): LeadOutbox {
  // TODO: read VENDOR_BASE_URL, VENDOR_CLIENT_ID, VENDOR_CLIENT_SECRET (and the optional
  // VENDOR_TIMEOUT_MS) from `env`. Creating the outbox must not call Acme.
  void env;
  void logger;
  void outbox;

  return {
    async submitLead(lead) {
      // TODO (task 1): store an OutboxEntry for the lead, with its Idempotency-Key chosen now,
      // and return a receipt at once. The salesperson must not wait on Acme.
      throw new Error(`submitLead(${lead.email}) is not written yet (lab 08, task 1).`);
    },

    async deliverPending() {
      // TODO (task 2): POST /v1/leads for every pending entry, with the entry's Idempotency-Key and
      // a timeout. Mark it sent (with Acme's lead id) only when Acme's answer parses; otherwise keep
      // it pending for the next pass. Another worker (after a restart) may run the next pass.
      throw new Error('deliverPending is not written yet (lab 08, task 2).');
    },
  };
}

export async function importContacts(rows: ContactRow[], deps: ImportDeps = {}): Promise<ImportResult> {
  // TODO (task 3): POST /v1/imports/contacts with { contacts: rows }. Acme answers 202 with a
  // Location header and Retry-After: GET the Location, never sooner than Retry-After, backing off,
  // until completed_at is set; resolve with that finished job. Give up after deps.deadlineMs.
  void deps;
  throw new Error(`importContacts(${rows.length} rows) is not written yet (lab 08, task 3).`);
}

export function createWebhookReceiver({ secret, contacts, processedEvents, now, logger }: ReceiverDeps): Express {
  void secret;
  void contacts;
  void processedEvents;
  void now;
  void logger;
  const app = express();
  app.post('/webhooks/acme', (_req, res) => {
    // TODO (task 4): verify Acme-Signature over the raw body (express.raw), refuse stale
    // timestamps using now(), acknowledge duplicates without applying them, and keep the contact
    // with the latest updated_at.
    res.status(501).json({ error: 'the webhook receiver is not written yet (lab 08, task 4)' });
  });
  return app;
}
