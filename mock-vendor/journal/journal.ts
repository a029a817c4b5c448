import type { JournalBudget } from './journal-budget.ts';
import type { JournalEntry, JournalFilter } from './journal-entry.ts';

export const DEFAULT_JOURNAL_CAPACITY = 5_000;

/** Told of each entry as it is recorded, and when the journal is emptied. */
export interface JournalSubscriber {
  entry(entry: JournalEntry): void;
  cleared(): void;
}

/**
 * A tenant's request journal: a ring buffer, so memory stays bounded however long the vendor runs
 * (WireMock's unbounded journal is the cautionary tale). Subscribers hear of new entries and of
 * clearing for live streaming (`stream-journal.ts`, the console). A plain set rather than an
 * EventEmitter: any number of console tabs may subscribe without a MaxListeners warning, and how
 * many may is the stream's policy (`maxStreams`), not the journal's.
 */
export class Journal {
  readonly capacity: number;
  #ring: (JournalEntry | undefined)[];
  #next = 0;
  #size = 0;
  #dropped = 0;
  readonly #subscribers = new Set<JournalSubscriber>();

  constructor(
    capacity = DEFAULT_JOURNAL_CAPACITY,
    private readonly budget?: JournalBudget,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Journal capacity must be a positive integer, got ${capacity}.`);
    this.capacity = capacity;
    this.#ring = new Array(capacity);
  }

  record(entry: JournalEntry): void {
    if (this.#size === this.capacity) this.#dropped++;
    else if (this.budget && this.#size > 0 && !this.budget.take()) this.#dropOldest();
    else {
      if (this.budget && this.#size === 0) this.budget.takeAnyway();
      this.#size++;
    }
    this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#subscribers.size > 0) for (const subscriber of this.#subscribers) subscriber.entry(entry);
  }

  /** Returns the unsubscribe function. */
  subscribe(subscriber: JournalSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Oldest first. */
  entries(): JournalEntry[] {
    const out: JournalEntry[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let i = 0; i < this.#size; i++) out.push(this.#ring[(start + i) % this.capacity]!);
    return out;
  }

  find(filter: JournalFilter = {}): JournalEntry[] {
    const matches = this.entries().filter((entry) => matchesFilter(entry, filter));
    return filter.limit === undefined ? matches : matches.slice(-filter.limit);
  }

  count(filter: JournalFilter = {}): number {
    return this.entries().filter((entry) => matchesFilter(entry, filter)).length;
  }

  /** Entries evicted because the buffer was full. */
  get dropped(): number {
    return this.#dropped;
  }

  get size(): number {
    return this.#size;
  }

  /** The vendor is at its journal budget: the oldest entry goes to make room, the size stays. */
  #dropOldest(): void {
    this.#ring[(this.#next - this.#size + this.capacity) % this.capacity] = undefined;
    this.#dropped++;
  }

  clear(): void {
    this.#empty();
    for (const subscriber of this.#subscribers) subscriber.cleared();
  }

  /** The tenant is gone: its entries go, and their room in the vendor's budget comes back. Nobody is told; its streams have ended. */
  release(): void {
    this.#empty();
    this.#subscribers.clear();
  }

  #empty(): void {
    this.budget?.give(this.#size);
    this.#ring = new Array(this.capacity);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }
}

export function matchesFilter(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.kind !== undefined && entry.kind !== filter.kind) return false;
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
  if (filter.path !== undefined) {
    const wanted = filter.path;
    const ok = wanted.endsWith('*') ? entry.path.startsWith(wanted.slice(0, -1)) : entry.path === wanted;
    if (!ok) return false;
  }
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.fault !== undefined && entry.fault !== filter.fault) return false;
  if (filter.idempotencyKey !== undefined && entry.idempotencyKey !== filter.idempotencyKey) return false;
  if (filter.correlationId !== undefined && entry.correlationId !== filter.correlationId) return false;
  if (filter.tokenId !== undefined && entry.tokenId !== filter.tokenId) return false;
  if (filter.errorCode !== undefined && entry.errorCode !== filter.errorCode) return false;
  if (filter.afterSeq !== undefined && entry.seq <= filter.afterSeq) return false;
  return true;
}
