/**
 * Lab 10: a contact sync that on-call can trust. Read ../README.md first.
 *
 * Everything the checks call is declared in ../contract.ts. Keep these two exports; how you
 * organise the rest (more files in this folder are fine) is up to you. Lab 02's retries and lab
 * 04's token handling are good places to borrow from.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTACTS_STORE, type Health, type PlatformContact, type SyncRunReport, type SyncService, type SyncServiceDeps } from '../contract.ts';

export function createSyncService({ env = process.env, platform, timeoutMs = 5_000, retry = {}, breaker = {} }: SyncServiceDeps): SyncService {
  // TODO: read VENDOR_BASE_URL, VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET from `env`; build one
  // HTTP client with a timeout (timeoutMs), retries (retry.maxAttempts, retry.baseDelayMs) and a
  // token reused until it expires.
  void env;
  void timeoutMs;
  void retry;
  // TODO: a circuit breaker (breaker.failureThreshold, breaker.cooldownMs) in front of every call to Acme.
  void breaker;
  const store = platform.store<PlatformContact>(CONTACTS_STORE);
  const log = platform.logger.child({ component: 'acme-contact-sync' });

  // TODO: keep these true: update them on every call to Acme and at the end of every run.
  const health: Health = { status: 'ok', vendor: { reachable: true, lastCheckedAt: null, lastError: null }, lastSuccessfulSync: null, breaker: 'closed' };

  return {
    async syncOnce(): Promise<SyncRunReport> {
      // TODO (task 1): list every contact at Acme (all pages) and mirror them into `store`:
      // insert new ones, update the ones whose updated_at changed, delete the ones Acme no longer has.
      // TODO (task 2): create at Acme the contacts our platform made (acmeId null), each exactly once.
      log.info({ contacts: store.size }, 'contact sync is not written yet');
      throw new Error('syncOnce is not written yet (lab 10, tasks 1 and 2).');
    },

    healthHandler(_req: IncomingMessage, res: ServerResponse): void {
      // TODO (task 4): answer 200 only when Acme is reachable and the breaker is closed, 503 otherwise.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(health));
    },
  };
}

export function loadRunbook(): string {
  return readFileSync(new URL('./RUNBOOK.md', import.meta.url), 'utf8');
}
