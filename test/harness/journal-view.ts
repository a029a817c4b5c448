import type { JournalEntry, JournalFilter } from '../../mock-vendor/journal/journal-entry.ts';
import { matchesFilter } from '../../mock-vendor/journal/journal.ts';

/**
 * Questions graded checks ask of a tenant's journal, so checks read like the behaviour they judge.
 * It reads `entries()` (oldest first) each time: a live in-process journal, or a snapshot fetched
 * from a remote vendor's admin API.
 */
export class JournalView {
  constructor(private readonly source: { entries(): readonly JournalEntry[] }) {}

  /** A view over entries already fetched. */
  static of(entries: readonly JournalEntry[]): JournalView {
    return new JournalView({ entries: () => entries });
  }

  all(filter: JournalFilter = {}): JournalEntry[] {
    const matches = this.source.entries().filter((entry) => matchesFilter(entry, filter));
    return filter.limit === undefined ? matches : matches.slice(-filter.limit);
  }

  /** Requests to the API (not the token endpoint), HTTP exchanges and transport events alike. */
  apiRequests(filter: JournalFilter = {}): JournalEntry[] {
    return this.all(filter).filter((e) => /^\/v\d+\//.test(e.path));
  }

  tokenRequests(): JournalEntry[] {
    return this.all({ method: 'POST', path: '/oauth/token' });
  }

  /** Requests sent with a token the vendor had already expired or revoked. */
  requestsWithDeadTokens(): JournalEntry[] {
    return this.all().filter((e) => e.errorCode === 'token_expired' || (e.errorCode === 'invalid_token' && e.tokenId !== null));
  }

  /** Attempts grouped per logical operation, by the header the client used to tie them together. */
  attemptsBy(key: 'idempotencyKey' | 'correlationId', filter: JournalFilter = {}): Map<string, JournalEntry[]> {
    const groups = new Map<string, JournalEntry[]>();
    for (const entry of this.all(filter)) {
      const id = entry[key];
      if (id === null) continue;
      groups.set(id, [...(groups.get(id) ?? []), entry]);
    }
    return groups;
  }

  /** The request header a client sent, lower-cased name. */
  static header(entry: JournalEntry, name: string): string | undefined {
    return entry.requestHeaders[name.toLowerCase()];
  }

  /** Milliseconds between consecutive attempts (arrival to arrival). */
  /** How long the client waited before attempt n+1 (retry n): from the end of attempt n to the start of the next. */
  static waitBeforeMs(attempts: readonly JournalEntry[], retry: number): number {
    const previous = attempts[retry - 1]!;
    return attempts[retry]!.atMs - (previous.atMs + previous.durationMs);
  }

  static gapsMs(attempts: readonly JournalEntry[]): number[] {
    return attempts.slice(1).map((entry, i) => entry.atMs - attempts[i]!.atMs);
  }

  /**
   * Retries that came sooner than the previous answer's `Retry-After` allowed: each with the wait
   * the vendor asked for and the wait the client actually left.
   */
  static retryAfterViolations(attempts: readonly JournalEntry[], toleranceMs = 50): { askedMs: number; waitedMs: number }[] {
    const violations: { askedMs: number; waitedMs: number }[] = [];
    for (let i = 1; i < attempts.length; i++) {
      const previous = attempts[i - 1]!;
      const retryAfter = Number(previous.responseHeaders['retry-after']);
      if (!Number.isFinite(retryAfter)) continue;
      const askedMs = retryAfter * 1000;
      const waitedMs = attempts[i]!.atMs - (previous.atMs + previous.durationMs);
      if (waitedMs + toleranceMs < askedMs) violations.push({ askedMs, waitedMs: Math.round(waitedMs) });
    }
    return violations;
  }
}
