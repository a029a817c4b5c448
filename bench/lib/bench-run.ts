/**
 * What every part of `npm run bench:vendor` shares: the settings, the targets, the list of errors
 * that decides the exit code, and how server children are built.
 */
import { join } from 'node:path';
import { buildBundle } from '../../scripts/bundle/vendor-bundle.mjs';
import { problemsOf, type LoadResult } from './load.ts';

export type Config = ReturnType<typeof benchConfig>;

export function benchConfig(quick: boolean) {
  return {
    connections: 50,
    warmupSeconds: quick ? 1 : 3,
    measureSeconds: quick ? 2 : 10,
    rounds: 3,
    /** Cumulative request counts at which the vendor's memory is read; growth is last minus first. */
    memoryPoints: quick ? [2_000, 10_000, 20_000] : [10_000, 50_000, 100_000, 200_000],
    coldRuns: quick ? 2 : 5,
    path: '/v1/contacts?limit=20',
  };
}

export const TARGETS = { ratioVsExpress: 0.8, vendorRps: 7_700, memoryGrowthMiB: 50, coldStartMs: 300 };

/** A part's verdict on its targets (informational: a missed target does not fail the run). */
export type Verdict = { target: string; value: string; met: boolean }[];

export interface BenchRun {
  root: string;
  quick: boolean;
  config: Config;
  targets: typeof TARGETS;
  /** Errors (not missed targets): any fails the run. */
  errors: string[];
  /** Records the problems of one load run (non-2xx, connection errors, timeouts) as errors. */
  checkRun(label: string, result: LoadResult): void;
  /** `node` arguments for a server child as `npm start` runs the vendor: bundled, plain node. */
  bundledArgs(file: string): Promise<string[]>;
  /** `node` arguments for an entry run through tsx. */
  tsxArgs(file: string): string[];
}

export function createBenchRun(root: string, quick: boolean): BenchRun {
  const errors: string[] = [];
  const built = new Map<string, Promise<string>>();
  return {
    root,
    quick,
    config: benchConfig(quick),
    targets: TARGETS,
    errors,
    checkRun(label, result) {
      for (const problem of problemsOf(result)) {
        errors.push(`${label}: ${problem}`);
        console.log(`  !! ERROR ${label}: ${problem}`);
      }
    },
    // All three servers are bundled alike (scripts/bundle/), so none pays for tsx (whose `keepNames`
    // helper runs for every closure a request creates) and none is favoured.
    async bundledArgs(file) {
      if (!built.has(file)) {
        const outfile = join(root, 'bench/.out/servers', file.replace(/^bench\/servers\//, '').replace(/\.ts$/, '.mjs'));
        built.set(file, buildBundle({ entry: join(root, file), outfile, format: 'esm' }));
      }
      return [await built.get(file)!];
    },
    tsxArgs: (file) => ['--import', 'tsx', join(root, file)],
  };
}
