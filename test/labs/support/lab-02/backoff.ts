/**
 * Lab 02's verdict on backoff, kept apart from the check so that a simulation can prove it
 * (test/honesty/backoff-verdict.test.ts). The README allows any wait before retry n up to
 * baseDelayMs × 2^(n-1) with a good part of it random: full jitter (anything from 0 to that ceiling),
 * equal jitter, decorrelated jitter. What all of them share is that the waits grow from retry to
 * retry on average, which no backoff and fixed delays never do.
 *
 * The statistic is S = mean(w2) + mean(w3) − 2·mean(w1) over the records' first three waits: a sum
 * of differences, so a delay every wait shares (a busy machine, the network) cancels out. The
 * threshold sits where full jitter, the permitted backoff whose waits grow least, falls below it
 * less than once in 1,000 runs for the check's sample size.
 */

/** Records the check makes fail three times; more records make the verdict surer. */
export const BACKOFF_RECORDS = 16;

/** S must reach this share of baseDelayMs (full jitter's expected S is 2 × baseDelayMs). */
export const GROWTH_THRESHOLD = 0.75;

export interface BackoffVerdict {
  grows: boolean;
  /** Average wait before the first, second and third retry, in ms. */
  means: [number, number, number];
  /** S and the threshold it had to reach, in ms. */
  growthMs: number;
  thresholdMs: number;
}

/** `waits[r]` holds record r's waits before its first three retries, in ms. */
export function judgeBackoff(waits: readonly (readonly number[])[], baseDelayMs: number): BackoffVerdict {
  const mean = (i: number) => waits.reduce((sum, w) => sum + w[i]!, 0) / waits.length;
  const means: [number, number, number] = [mean(0), mean(1), mean(2)];
  const growthMs = means[1] + means[2] - 2 * means[0];
  const thresholdMs = GROWTH_THRESHOLD * baseDelayMs;
  return { grows: growthMs >= thresholdMs, means, growthMs, thresholdMs };
}
