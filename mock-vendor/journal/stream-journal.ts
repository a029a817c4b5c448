import { getMaxListeners, setMaxListeners } from 'node:events';
import type { Request, Response } from 'express';
import { ProblemError } from '../http/problem.ts';
import type { JournalEntry } from './journal-entry.ts';
import type { Journal } from './journal.ts';
import { DEFAULT_MAX_STREAMS_PER_TENANT, MAX_STREAMS_ENV } from './stream-cap.ts';

export interface StreamJournalOptions {
  /** A comment line this often keeps proxies and browsers from closing an idle stream. */
  heartbeatMs?: number;
  /** Entries held for a client that reads slower than the vendor journals; beyond it they are skipped and counted. */
  maxQueued?: number;
  /** Ends the stream when aborted: the key that opened it was revoked, or its tenant deleted. */
  signal?: AbortSignal;
  /** Streams of this journal open at once; one more is refused with 429. */
  maxStreams?: number;
}

/**
 * A journal (a tenant's, or the vendor's anonymous one) as Server-Sent Events: first the entries
 * after `?after=<seq>` (or the `Last-Event-ID` a reconnecting EventSource sends), then each new
 * entry as it is recorded.
 * Events: `entry` (id = seq, data = the entry), `cleared` (the journal was emptied: reset or
 * DELETE), `skipped` (data = how many entries a slow reader missed). Memory per stream is bounded.
 */
export function streamJournal(journal: Journal, req: Request, res: Response, options: StreamJournalOptions = {}): void {
  const { heartbeatMs = 15_000, maxQueued = 1_000, signal, maxStreams = DEFAULT_MAX_STREAMS_PER_TENANT } = options;
  if (journal.subscriberCount >= maxStreams) {
    throw new ProblemError({
      code: 'too_many_streams',
      status: 429,
      detail: `This journal already has ${maxStreams} live streams open, the cap per tenant (${MAX_STREAMS_ENV}). Close a console tab or another stream of it, then retry.`,
      headers: { 'Retry-After': '5' },
      extra: { maxStreams },
    });
  }
  const after = startAfter(req);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');

  let waitingForDrain = false;
  let skipped = 0;
  const queue: string[] = [];
  const send = (event: string) => {
    if (waitingForDrain) {
      if (queue.length < maxQueued) queue.push(event);
      else skipped++;
      return;
    }
    waitingForDrain = !res.write(event);
  };
  res.on('drain', () => {
    waitingForDrain = false;
    while (queue.length > 0 && !waitingForDrain) waitingForDrain = !res.write(queue.shift()!);
    if (!waitingForDrain && skipped > 0) {
      waitingForDrain = !res.write(`event: skipped\ndata: ${skipped}\n\n`);
      skipped = 0;
    }
  });

  for (const entry of journal.entries()) if (entry.seq > after) send(entryEvent(entry));
  const onEntry = (entry: JournalEntry) => send(entryEvent(entry));
  const onCleared = () => send('event: cleared\ndata: {}\n\n');
  const unsubscribe = journal.subscribe({ entry: onEntry, cleared: onCleared });
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  const stop = () => res.end();
  res.once('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
    signal?.removeEventListener('abort', stop);
  });
  if (signal?.aborted) stop();
  else if (signal) {
    // One signal may end all of a tenant's streams (its deletion): it has as many listeners as the cap allows streams.
    if (getMaxListeners(signal) < maxStreams) setMaxListeners(maxStreams, signal);
    signal.addEventListener('abort', stop, { once: true });
  }
}

function entryEvent(entry: JournalEntry): string {
  return `id: ${entry.seq}\nevent: entry\ndata: ${JSON.stringify(entry)}\n\n`;
}

/** `?after=` wins over `Last-Event-ID` (which only a reconnecting EventSource sends: ignored when odd). */
function startAfter(req: Request): number {
  const asked = req.query['after'];
  if (asked !== undefined) {
    const value = wholeNumber(asked);
    if (value === undefined) throw new ProblemError({ code: 'invalid_query', detail: `after must be a journal sequence number (a whole number, e.g. ?after=120); got ${JSON.stringify(asked)}.` });
    return value;
  }
  return wholeNumber(req.headers['last-event-id']) ?? 0;
}

function wholeNumber(raw: unknown): number | undefined {
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}
