import { describe, expect, it } from 'vitest';
import type { JournalEntry } from './journal-entry.ts';
import { Journal } from './journal.ts';

const entry = (seq: number, overrides: Partial<JournalEntry> = {}) => ({ seq, method: 'GET', path: '/v1/contacts', status: 200, kind: 'exchange', ...overrides }) as JournalEntry;

describe('Journal', () => {
  it('keeps only the newest entries once full, oldest first, and counts what it dropped', () => {
    const journal = new Journal(3);
    for (let i = 1; i <= 5; i++) journal.record(entry(i));
    expect(journal.entries().map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(journal.dropped).toBe(2);
    expect(journal.size).toBe(3);
  });

  it('finds and counts by method, path prefix, status and sequence', () => {
    const journal = new Journal(10);
    journal.record(entry(1, { method: 'POST', path: '/oauth/token' }));
    journal.record(entry(2, { status: 503 }));
    journal.record(entry(3, { path: '/v1/contacts/ct_000001' }));
    expect(journal.count({ method: 'post' })).toBe(1);
    expect(journal.find({ path: '/v1/*' }).map((e) => e.seq)).toEqual([2, 3]);
    expect(journal.find({ path: '/v1/contacts' }).map((e) => e.seq)).toEqual([2]);
    expect(journal.count({ status: 503 })).toBe(1);
    expect(journal.find({ afterSeq: 1, limit: 1 }).map((e) => e.seq)).toEqual([3]);
  });

  it('streams entries to listeners as they are recorded', () => {
    const journal = new Journal(2);
    const heard: number[] = [];
    journal.subscribe({ entry: (e) => heard.push(e.seq), cleared: () => {} });
    journal.record(entry(1));
    journal.record(entry(2));
    expect(heard).toEqual([1, 2]);
  });
});
