/**
 * Lab 02: the sync that fails one night in five. Read ../README.md first.
 *
 * Everything the checks call is declared in ../contract.ts. Keep these two exports; how you
 * organise the rest (more files in this folder are fine) is up to you. axios and axios-retry are
 * installed, and so is pino (the logger you are given).
 */
import { readFileSync } from 'node:fs';
import type { ContactUpdate, Diagnosis, SyncClient, SyncClientDeps, SyncReport } from '../contract.ts';
import type { RecordStore } from '../../platform/index.ts';

export function createSyncClient({ env = process.env, logger, retry = {}, timeoutMs = 10_000, concurrency = 4 }: SyncClientDeps = {}): SyncClient {
  // TODO: read VENDOR_BASE_URL, VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET from `env`.
  const { baseDelayMs = 250, maxAttempts = 5 } = retry;
  void env;
  void logger;
  void baseDelayMs;
  void maxAttempts;
  void timeoutMs;
  void concurrency;

  return {
    async syncContacts(updates: RecordStore<ContactUpdate>): Promise<SyncReport> {
      // This is roughly what ran in production last night (see the log): one PATCH per record,
      // one try each, no timeout, no correlation id. Your job is to make it survive the night.
      //
      // TODO (task 2): give every record its own correlation id; send it as X-Correlation-Id on
      //   every attempt and put it in every log line about that record (logger.child({ correlationId })).
      // TODO (task 3): retry what is worth retrying (timeouts, resets, 5xx, 408, 429, a 401 after a
      //   new token), waiting baseDelayMs × 2^n plus a random part, never less than Retry-After,
      //   at most maxAttempts attempts, each with its own timeout of timeoutMs.
      // TODO (task 4): a record Acme refuses on its content (any other 4xx) goes to `poisoned` with
      //   the reason, after one attempt; a record still failing after maxAttempts goes to `failed`.
      //   Never throw for one record; keep going with the rest.
      const pending = updates.all();
      throw new Error(`syncContacts is not written yet (lab 02, tasks 2-4); ${pending.length} updates are waiting.`);
    },
  };
}

/** Your diagnosis (task 1): edit diagnosis.json next to this file. */
export function loadDiagnosis(): Diagnosis {
  return JSON.parse(readFileSync(new URL('./diagnosis.json', import.meta.url), 'utf8')) as Diagnosis;
}
