/** `--shard K/N`: the K-th of N shares of a batch, K counting from 0 like Kubernetes' JOB_COMPLETION_INDEX. */
export interface Shard {
  index: number;
  count: number;
}

export class ShardError extends Error {}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new ShardError(`--shard takes K/N, e.g. --shard 0/4 for the first of four shares (K counts from 0 to N-1, like JOB_COMPLETION_INDEX); "${value}" is not of that form.`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new ShardError(`--shard ${value}: N must be at least 1.`);
  if (index >= count) {
    throw new ShardError(`--shard ${value}: K counts from 0, so the shares of ${count} are ${count === 1 ? '0/1' : `0/${count} to ${count - 1}/${count}`}${index === count ? ` (for the last share give ${count - 1}/${count})` : ''}.`);
  }
  return { index, count };
}

/**
 * Plain code-unit order, never the machine's locale: every machine must sort the same names the same
 * way, or two shards would grade the same candidate and another would be graded by none.
 */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The names this shard grades: sorted, then every N-th from K (round robin keeps the shares even). */
export function shareOf(names: readonly string[], shard: Shard): string[] {
  return [...names].sort(byCodeUnits).filter((_, i) => i % shard.count === shard.index);
}
