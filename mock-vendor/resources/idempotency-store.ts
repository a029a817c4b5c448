/** Stripe keeps idempotency keys for 24 hours; so does Acme, in the tenant's clock time. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** The response a key replays: exactly what the first request was answered. */
export interface StoredResponse {
  status: number;
  json: string;
  mediaType: string;
  headers: Record<string, string>;
  errorCode: string | undefined;
}

export interface IdempotencyEntry {
  key: string;
  /** Hash of method, path and canonical body: "the same request". */
  fingerprint: string;
  createdAt: number;
  /** Undefined while the first request is still being processed. */
  response: StoredResponse | undefined;
}

/**
 * One tenant's idempotency keys. Entries are kept in arrival order, and the clock only moves
 * forward, so expired keys are always at the front and are swept from there.
 */
export class IdempotencyStore {
  #entries = new Map<string, IdempotencyEntry>();

  get(key: string, now: number): IdempotencyEntry | undefined {
    this.#sweep(now);
    return this.#entries.get(key);
  }

  claim(key: string, fingerprint: string, now: number): IdempotencyEntry {
    this.#sweep(now);
    const entry: IdempotencyEntry = { key, fingerprint, createdAt: now, response: undefined };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Forgets an unfinished claim (the request failed with a 5xx, or never reached the endpoint). */
  release(entry: IdempotencyEntry): void {
    if (this.#entries.get(entry.key) === entry && entry.response === undefined) this.#entries.delete(entry.key);
  }

  /** False once the claim was let go (its caller left before the endpoint ran) or replaced. */
  holds(entry: IdempotencyEntry): boolean {
    return this.#entries.get(entry.key) === entry;
  }

  get size(): number {
    return this.#entries.size;
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.createdAt + IDEMPOTENCY_TTL_MS > now) break;
      this.#entries.delete(key);
    }
  }
}
