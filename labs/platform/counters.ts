/** Counters a dashboard could read: `vendor.requests`, `sync.records_written`, ... */
export class Counters {
  readonly #values = new Map<string, number>();

  increment(name: string, by = 1): void {
    this.#values.set(name, (this.#values.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.#values.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#values);
  }
}
