/**
 * An ordered, id-addressed collection with a change counter, so list pages can be cached until the
 * data changes. Ids are sequential (`ct_000001`), which makes cursors stable and orders obvious.
 */
export class Collection<T extends { id: string }> {
  #items = new Map<string, T>();
  #order: string[] = [];
  #nextNumber = 1;
  /** Bumped on every change; part of every cache key built from this collection. */
  version = 0;

  constructor(readonly prefix: string) {}

  nextId(): string {
    return `${this.prefix}_${String(this.#nextNumber++).padStart(6, '0')}`;
  }

  insert(item: T): T {
    if (!this.#items.has(item.id)) this.#order.push(item.id);
    this.#items.set(item.id, item);
    this.version++;
    return item;
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  update(id: string, change: Partial<T>): T | undefined {
    const current = this.#items.get(id);
    if (!current) return undefined;
    const next = { ...current, ...change, id };
    this.#items.set(id, next);
    this.version++;
    return next;
  }

  delete(id: string): boolean {
    if (!this.#items.delete(id)) return false;
    this.#order = this.#order.filter((other) => other !== id);
    this.version++;
    return true;
  }

  get size(): number {
    return this.#items.size;
  }

  all(): T[] {
    return this.#order.map((id) => this.#items.get(id)!);
  }

  /** Up to `limit` items after the one with id `afterId` (from the start when undefined). */
  pageAfter(afterId: string | undefined, limit: number): { items: T[]; hasMore: boolean } {
    let start = 0;
    if (afterId !== undefined) {
      // Ids are sequential, so the position is found by comparison even if `afterId` was deleted.
      start = this.#order.findIndex((id) => id > afterId);
      if (start === -1) start = this.#order.length;
    }
    const ids = this.#order.slice(start, start + limit);
    return { items: ids.map((id) => this.#items.get(id)!), hasMore: start + limit < this.#order.length };
  }
}
