import { Collection } from './collection.ts';
import { IdempotencyStore } from './idempotency-store.ts';
import type { ImportJob } from './import-job.ts';
import type { CachedPage } from './list-page.ts';
import type { ContactRecord, DealRecord, LeadRecord, WebhookRecord } from './records.ts';
import { seedRecords } from './seed-records.ts';

/** Everything one tenant has stored at the vendor. */
export class TenantData {
  readonly contacts = new Collection<ContactRecord>('ct');
  readonly deals = new Collection<DealRecord>('dl');
  readonly leads = new Collection<LeadRecord>('ld');
  readonly jobs = new Collection<ImportJob>('jb');
  readonly webhooks = new Collection<WebhookRecord>('wh');
  /** `Idempotency-Key`s seen on POST /leads, with the responses they replay. */
  readonly idempotency = new IdempotencyStore();
  /** Serialised list pages, keyed by collection version and query (see `sendListPage`). */
  readonly pageCache = new Map<string, CachedPage>();

  constructor(seed: number, counts: { contacts: number; deals: number }, now: number) {
    seedRecords(seed, counts, now, this.contacts, this.deals);
  }
}
