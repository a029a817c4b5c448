import { describe, expect, it } from 'vitest';
import { createPrng, seedFrom } from './prng.ts';

describe('createPrng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createPrng(12345);
    const b = createPrng(12345);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(seqA);
    const c = createPrng(12346);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays in [0, 1) and spreads evenly enough to drive probabilities', () => {
    const prng = createPrng(7);
    const values = Array.from({ length: 10_000 }, () => prng.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const below = values.filter((v) => v < 0.1).length;
    expect(below).toBeGreaterThan(850);
    expect(below).toBeLessThan(1150);
  });

  it('draws integers within the inclusive range', () => {
    const prng = createPrng(3);
    const seen = new Set(Array.from({ length: 500 }, () => prng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });
});

describe('seedFrom', () => {
  it('derives distinct, stable seeds from names', () => {
    expect(seedFrom('tenant-a', 1)).toBe(seedFrom('tenant-a', 1));
    expect(seedFrom('tenant-a', 1)).not.toBe(seedFrom('tenant-b', 1));
    expect(seedFrom('tenant-a', 1)).not.toBe(seedFrom('tenant-a', 2));
  });
});
