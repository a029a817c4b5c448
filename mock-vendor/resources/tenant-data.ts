import { Collection } from './collection.ts';
import type { CachedPage } from './list-page.ts';
import type { ContactRecord, DealRecord, LeadRecord } from './records.ts';
import { seedRecords } from './seed-records.ts';

/** Everything one tenant has stored at the vendor. */
export class TenantData {
  readonly contacts = new Collection<ContactRecord>('ct');
  readonly deals = new Collection<DealRecord>('dl');
  readonly leads = new Collection<LeadRecord>('ld');
  /** Serialised list pages, keyed by collection version and query (see `sendListPage`). */
  readonly pageCache = new Map<string, CachedPage>();

  constructor(seed: number, counts: { contacts: number; deals: number }, now: number) {
    seedRecords(seed, counts, now, this.contacts, this.deals);
  }
}
