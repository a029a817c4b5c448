import { describe, expect, it } from 'vitest';
import { BACKOFF_RECORDS, judgeBackoff } from '../labs/support/lab-02/backoff.ts';

/**
 * Lab 02's backoff verdict, simulated: every backoff the README permits passes in more than 999 runs
 * of 1,000, and no backoff or a fixed delay fails as surely. A seeded PRNG keeps this test itself
 * deterministic.
 */
const RUNS = 100_000;
const BASE = 150;

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Strategy = (retry: number, previous: number, random: () => number) => number;
const ceiling = (retry: number) => BASE * 2 ** (retry - 1);

const PERMITTED: Record<string, Strategy> = {
  'full jitter': (n, _, r) => r() * ceiling(n),
  'equal jitter': (n, _, r) => ceiling(n) / 2 + (r() * ceiling(n)) / 2,
  'decorrelated jitter': (n, previous, r) => Math.min(10 * BASE, BASE + r() * (3 * (n === 1 ? BASE : previous) - BASE)),
  'full jitter, 30 ms of machine noise on every wait': (n, _, r) => r() * ceiling(n) + r() * 30,
};

const WRONG: Record<string, Strategy> = {
  'no backoff': () => 0,
  'a fixed delay of baseDelayMs': () => BASE,
  'a fixed delay of 4 × baseDelayMs': () => 4 * BASE,
  'a fixed delay of baseDelayMs with full jitter': (_, __, r) => r() * BASE,
};

function failRate(strategy: Strategy, seed: number): number {
  const random = prng(seed);
  let failed = 0;
  for (let run = 0; run < RUNS; run++) {
    const waits = Array.from({ length: BACKOFF_RECORDS }, () => {
      const record: number[] = [];
      for (let n = 1; n <= 3; n++) record.push(strategy(n, record.at(-1) ?? 0, random));
      return record;
    });
    if (!judgeBackoff(waits, BASE).grows) failed++;
  }
  return failed / RUNS;
}

describe("lab 02's backoff verdict", () => {
  it.each(Object.entries(PERMITTED))('passes %s in more than 999 runs of 1,000', (_, strategy) => {
    expect(failRate(strategy, 1)).toBeLessThan(0.001);
  });

  it.each(Object.entries(WRONG))('fails %s in more than 999 runs of 1,000', (_, strategy) => {
    expect(failRate(strategy, 2)).toBeGreaterThan(0.999);
  });
});
