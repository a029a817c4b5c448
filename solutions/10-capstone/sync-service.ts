import { CONTACTS_STORE, type Health, type PlatformContact, type SyncRunReport, type SyncService, type SyncServiceDeps } from '../../labs/10-capstone/contract.ts';
import { readAcmeConfig } from '../shared/acme-config.ts';
import { createAcmeApi, describeFailure, isOutage, type AcmeContact } from './acme-api.ts';
import { BreakerOpenError, createBreaker } from './breaker.ts';
import { healthHandler } from './health.ts';

const toPlatform = (contact: AcmeContact, id: string): PlatformContact => ({
  id,
  acmeId: contact.id,
  firstName: contact.first_name,
  lastName: contact.last_name,
  email: contact.email,
  phone: contact.phone,
  company: contact.company,
  acmeUpdatedAt: contact.updated_at,
});

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Acme owns contacts: each run mirrors all of them into the platform (writing only what changed,
 * deleting only after a complete listing), then creates at Acme the contacts our platform made.
 * A create whose answer was lost is never repeated blindly: the next run finds it by email first.
 */
export function createSyncService({ env = process.env, platform, timeoutMs = 5_000, retry = {}, breaker: breakerOptions = {} }: SyncServiceDeps): SyncService {
  const acme = createAcmeApi({ ...readAcmeConfig(env), timeoutMs, maxAttempts: retry.maxAttempts ?? 4, baseDelayMs: retry.baseDelayMs ?? 200 });
  const breaker = createBreaker({ failureThreshold: breakerOptions.failureThreshold ?? 3, cooldownMs: breakerOptions.cooldownMs ?? 30_000, isFailure: isOutage });
  const store = platform.store<PlatformContact>(CONTACTS_STORE);
  const log = platform.logger.child({ component: 'acme-contact-sync' });
  const vendor: Health['vendor'] = { reachable: false, lastCheckedAt: null, lastError: null };
  let lastSuccessfulSync: string | null = null;

  async function call<T>(work: () => Promise<T>): Promise<T> {
    return breaker.call(async () => {
      try {
        const result = await work();
        Object.assign(vendor, { reachable: true, lastCheckedAt: new Date().toISOString(), lastError: null });
        return result;
      } catch (error) {
        Object.assign(vendor, { reachable: !isOutage(error), lastCheckedAt: new Date().toISOString(), lastError: describeFailure(error) });
        throw error;
      }
    });
  }

  async function listAll(): Promise<AcmeContact[]> {
    const contacts: AcmeContact[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(() => acme.listContacts(cursor));
      contacts.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return contacts;
  }

  function pull(acmeContacts: AcmeContact[], report: SyncRunReport): void {
    const onAcme = new Set(acmeContacts.map((c) => c.id));
    const mirrored = new Map(store.all().flatMap((r) => (r.acmeId ? [[r.acmeId, r] as const] : [])));
    const unlinked = store.all().filter((r) => r.acmeId === null);
    for (const contact of acmeContacts) {
      const current = mirrored.get(contact.id) ?? unlinked.find((r) => sameEmail(r.email, contact.email));
      if (current?.acmeUpdatedAt === contact.updated_at) continue;
      store.upsert(current?.id ?? contact.id, toPlatform(contact, current?.id ?? contact.id));
      report.pulled++;
    }
    for (const [acmeId, record] of mirrored) {
      if (!onAcme.has(acmeId) && store.delete(record.id)) report.deleted++;
    }
  }

  async function push(report: SyncRunReport): Promise<string[]> {
    const unconfirmed: string[] = [];
    for (const record of store.all().filter((r) => r.acmeId === null)) {
      try {
        const { firstName: first_name, lastName: last_name, email, phone, company } = record;
        const created = await call(() => acme.createContact({ first_name, last_name, email, phone, company }));
        store.upsert(record.id, toPlatform(created, record.id));
        report.pushed++;
      } catch (error) {
        if (error instanceof BreakerOpenError) throw error;
        unconfirmed.push(record.id);
        log.warn({ platformId: record.id, failure: describeFailure(error) }, 'contact not confirmed at Acme; the next run looks for it before creating it again');
      }
    }
    return unconfirmed;
  }

  function health(): Health {
    const state = breaker.state();
    return { status: vendor.reachable && state === 'closed' ? 'ok' : 'degraded', vendor: { ...vendor }, lastSuccessfulSync, breaker: state };
  }

  return {
    async syncOnce() {
      const report: SyncRunReport = { ok: false, pulled: 0, deleted: 0, pushed: 0 };
      if (breaker.state() === 'open') {
        log.warn({ lastError: vendor.lastError }, 'breaker open: skipping this run');
        return { ...report, skipped: 'breaker-open', error: `The breaker is open after repeated failures; Acme last said: ${vendor.lastError}.` };
      }
      try {
        pull(await listAll(), report);
        const unconfirmed = await push(report);
        report.ok = unconfirmed.length === 0;
        if (!report.ok) report.error = `${unconfirmed.length} contact(s) created on our platform are not confirmed at Acme yet: ${unconfirmed.join(', ')}.`;
      } catch (error) {
        report.error = error instanceof BreakerOpenError ? error.message : `Acme CRM failed: ${describeFailure(error)}.`;
      }
      if (report.ok) lastSuccessfulSync = new Date().toISOString();
      else platform.alerts.raise({ key: 'acme-contact-sync', severity: breaker.state() === 'closed' ? 'warning' : 'critical', message: report.error! });
      log[report.ok ? 'info' : 'error']({ ...report, breaker: breaker.state() }, 'contact sync run finished');
      return report;
    },
    healthHandler: healthHandler(health),
  };
}
