/** One attempt to deliver one event to one subscription, as the admin API and console show it. */
export interface DeliveryLogEntry {
  seq: number;
  eventId: string;
  type: string;
  subscriptionId: string;
  url: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  /** 0 for the event itself; 1, 2, … for identical copies a webhook fault added. */
  copy: number;
  /** The receiver's HTTP status, or null when there was none (refused, reset, timed out). */
  status: number | null;
  error: string | null;
  outcome: 'delivered' | 'retry-scheduled' | 'gave-up' | 'cancelled';
  /** Vendor-clock time of the next attempt when one is scheduled. */
  nextAttemptAt: string | null;
  /** Webhook fault that shaped this delivery (duplicate, hold), if any. */
  fault: string | null;
  /** Vendor-clock time the attempt was sent, ISO 8601 and epoch ms. */
  at: string;
  atMs: number;
  /** Wall-clock milliseconds until the receiver answered or the attempt failed. */
  durationMs: number;
}

export interface DeliveryLogFilter {
  eventId?: string;
  type?: string;
  subscriptionId?: string;
  outcome?: DeliveryLogEntry['outcome'];
  /** Only the last `limit` matches. */
  limit?: number;
}

export const DEFAULT_DELIVERY_LOG_CAPACITY = 1_000;

/** A tenant's delivery attempts, oldest first, bounded like the journal. */
export class DeliveryLog {
  #entries: DeliveryLogEntry[] = [];
  dropped = 0;

  constructor(readonly capacity = DEFAULT_DELIVERY_LOG_CAPACITY) {}

  record(entry: DeliveryLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.capacity) {
      this.#entries.shift();
      this.dropped++;
    }
  }

  find(filter: DeliveryLogFilter = {}): DeliveryLogEntry[] {
    const matches = this.#entries.filter(
      (e) =>
        (filter.eventId === undefined || e.eventId === filter.eventId) &&
        (filter.type === undefined || e.type === filter.type) &&
        (filter.subscriptionId === undefined || e.subscriptionId === filter.subscriptionId) &&
        (filter.outcome === undefined || e.outcome === filter.outcome),
    );
    return filter.limit === undefined ? matches : matches.slice(-filter.limit);
  }
}
