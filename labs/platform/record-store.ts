/**
 * "Our platform's" database, in memory: records by id, with the write history a check can audit
 * (how many times was customer X written? was anything written that failed validation?).
 */
export class RecordStore<T> {
  readonly #records = new Map<string, T>();
  readonly #writes: { id: string; at: number }[] = [];

  upsert(id: string, record: T): void {
    this.#records.set(id, record);
    this.#writes.push({ id, at: Date.now() });
  }

  get(id: string): T | undefined {
    return this.#records.get(id);
  }

  delete(id: string): boolean {
    return this.#records.delete(id);
  }

  all(): T[] {
    return [...this.#records.values()];
  }

  get size(): number {
    return this.#records.size;
  }

  /** Every write, in order; `writesOf(id).length > 1` means a record was written more than once. */
  writes(): readonly { id: string; at: number }[] {
    return this.#writes;
  }

  writesOf(id: string): number {
    return this.#writes.filter((w) => w.id === id).length;
  }
}
