import { describe, expect, it } from 'vitest';
import { Vendor } from '../vendor.ts';
import { JournalBudget } from './journal-budget.ts';
import type { JournalEntry } from './journal-entry.ts';
import { Journal } from './journal.ts';

const entry = (seq: number) => ({ seq, path: `/v1/contacts/${seq}` }) as unknown as JournalEntry;
const seqs = (journal: Journal) => journal.entries().map((e) => e.seq);

describe('JournalBudget: the entries all tenants of a vendor hold together', () => {
  it('past the budget, a journal that records lets go of its own oldest entry, never another tenant’s', () => {
    const budget = new JournalBudget(5);
    const a = new Journal(100, budget);
    const b = new Journal(100, budget);
    [1, 2, 3].forEach((n) => a.record(entry(n)));
    [11, 12].forEach((n) => b.record(entry(n)));
    expect(budget.used).toBe(5);
    b.record(entry(13));
    expect(seqs(b)).toEqual([12, 13]);
    expect(seqs(a)).toEqual([1, 2, 3]);
    a.record(entry(4));
    expect(seqs(a)).toEqual([2, 3, 4]);
    expect(budget.used).toBe(5);
    expect(a.dropped).toBe(1);
  });

  it('gives room back when a journal is cleared, and a new tenant always keeps its first entry', () => {
    const budget = new JournalBudget(2);
    const a = new Journal(100, budget);
    [1, 2, 3].forEach((n) => a.record(entry(n)));
    const late = new Journal(100, budget);
    late.record(entry(9));
    expect(seqs(late)).toEqual([9]);
    a.clear();
    expect(budget.used).toBe(1);
  });

  it('is the vendor’s: deleting a tenant returns its entries to the budget', () => {
    const vendor = new Vendor({ journalBudget: 50, log: () => {} });
    const { tenant } = vendor.createTenant({});
    for (let n = 1; n <= 80; n++) tenant.journal.record(entry(n));
    expect(tenant.journal.size).toBe(50);
    expect(vendor.journalBudget.used).toBe(50);
    vendor.deleteTenant(tenant.id);
    expect(vendor.journalBudget.used).toBe(0);
  });
});
