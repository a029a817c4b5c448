/**
 * How many journal entries all tenants of one vendor hold together. Each tenant's journal keeps up
 * to its own capacity, but a class of hundreds of tenants at 5,000 entries each would hold
 * gigabytes: past the budget, a tenant that records a new entry lets go of its own oldest one, so
 * the vendor's memory stays bounded while every tenant keeps its latest requests.
 */
export class JournalBudget {
  #used = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A journal budget is a whole number of entries of at least 1, got ${limit}.`);
  }

  get used(): number {
    return this.#used;
  }

  /** Takes room for one more entry; false when the vendor is at its budget. */
  take(): boolean {
    if (this.#used >= this.limit) return false;
    this.#used++;
    return true;
  }

  /** A tenant with an empty journal always gets its first entry, budget or not. */
  takeAnyway(): void {
    this.#used++;
  }

  give(entries: number): void {
    this.#used = Math.max(0, this.#used - entries);
  }
}

export const DEFAULT_JOURNAL_BUDGET = 250_000;
