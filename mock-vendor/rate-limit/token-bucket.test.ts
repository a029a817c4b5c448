import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst up to the limit, then refuses with the seconds until the next token', () => {
    const bucket = new TokenBucket(5, 10, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(0).allowed).toBe(true);
    const refused = bucket.take(0);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 2 });
  });

  it('refills continuously at limit / window per second', () => {
    const bucket = new TokenBucket(10, 10, 0);
    for (let i = 0; i < 10; i++) bucket.take(0);
    expect(bucket.take(500).allowed).toBe(false);
    expect(bucket.take(1_000).allowed).toBe(true);
    expect(bucket.take(60_000).remaining).toBe(9);
  });

  it('reports when the bucket will be full again', () => {
    const bucket = new TokenBucket(60, 60, 0);
    for (let i = 0; i < 30; i++) bucket.take(0);
    expect(bucket.take(0).resetSeconds).toBe(31);
  });

  it('is empty after drain', () => {
    const bucket = new TokenBucket(100, 1, 0);
    bucket.drain(0);
    expect(bucket.take(0).allowed).toBe(false);
  });
});
