import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from './journal-entry.ts';
import { Journal } from './journal.ts';
import { streamJournal } from './stream-journal.ts';

const entry = (seq: number) => ({ seq, method: 'GET', path: '/v1/contacts', status: 200, kind: 'exchange' }) as JournalEntry;

/** A response whose socket is full until the test says `drain`. */
function slowResponse() {
  const res = new EventEmitter() as EventEmitter & { chunks: string[]; full: boolean; writeHead(): void; write(chunk: string): boolean };
  res.chunks = [];
  res.full = false;
  res.writeHead = () => {};
  res.write = (chunk: string) => {
    res.chunks.push(chunk);
    return !res.full;
  };
  return res;
}

const request = (query: Record<string, string> = {}, headers: Record<string, string> = {}) => ({ query, headers }) as unknown as Request;
const seqs = (chunks: string[]) => chunks.flatMap((c) => [...c.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])));

describe('streamJournal', () => {
  it('replays the entries after ?after=, then sends new ones as they are recorded', () => {
    const journal = new Journal(10);
    for (let i = 1; i <= 4; i++) journal.record(entry(i));
    const res = slowResponse();
    streamJournal(journal, request({ after: '2' }), res as unknown as Response);
    journal.record(entry(5));
    expect(seqs(res.chunks)).toEqual([3, 4, 5]);
    expect(res.chunks.at(-1)).toMatch(/^id: 5\nevent: entry\ndata: \{.*"seq":5.*\}\n\n$/);
    res.emit('close');
    journal.record(entry(6));
    expect(seqs(res.chunks)).toEqual([3, 4, 5]);
    expect(journal.subscriberCount).toBe(0);
  });

  it('resumes after the Last-Event-ID a reconnecting EventSource sends', () => {
    const journal = new Journal(10);
    for (let i = 1; i <= 3; i++) journal.record(entry(i));
    const res = slowResponse();
    streamJournal(journal, request({}, { 'last-event-id': '1' }), res as unknown as Response);
    expect(seqs(res.chunks)).toEqual([2, 3]);
  });

  it('tells the reader when the journal is cleared', () => {
    const journal = new Journal(10);
    const res = slowResponse();
    streamJournal(journal, request(), res as unknown as Response);
    journal.clear();
    expect(res.chunks.at(-1)).toBe('event: cleared\ndata: {}\n\n');
  });

  it('holds at most maxQueued entries for a slow reader, then says how many it skipped', () => {
    const journal = new Journal(10);
    const res = slowResponse();
    streamJournal(journal, request(), res as unknown as Response, { maxQueued: 3 });
    res.full = true;
    for (let i = 1; i <= 8; i++) journal.record(entry(i));
    expect(seqs(res.chunks)).toEqual([1]);
    res.full = false;
    res.emit('drain');
    expect(seqs(res.chunks)).toEqual([1, 2, 3, 4]);
    expect(res.chunks.at(-1)).toBe('event: skipped\ndata: 4\n\n');
    journal.record(entry(9));
    expect(seqs(res.chunks)).toEqual([1, 2, 3, 4, 9]);
  });

  it('refuses an ?after= that is not a sequence number, naming it', () => {
    expect(() => streamJournal(new Journal(1), request({ after: 'yesterday' }), slowResponse() as unknown as Response)).toThrow(/after must be a journal sequence number.*"yesterday"/);
  });
});
