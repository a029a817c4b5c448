/** Part `cold-start`: spawn of a fresh vendor to the end of its first answer, through tsx, bundled, and bundled with V8's code cache. */
import { join, relative } from 'node:path';
import { buildBundle } from '../../scripts/bundle/vendor-bundle.mjs';
import type { BenchRun, Verdict } from '../lib/bench-run.ts';
import { coldStart, type ColdStartRun } from '../lib/cold-start.ts';
import { fmtMs, mark, median, table } from '../lib/format.ts';

export async function measureColdStart(run: BenchRun): Promise<Verdict> {
  // ---- cold start ---------------------------------------------------------------------------
  const coldPath = '/.well-known/oauth-authorization-server';
  console.log(`Cold start: spawn of a fresh vendor process → end of its first HTTP answer (GET ${coldPath}), ${run.config.coldRuns} runs each`);
  const coldRows: string[][] = [];
  const coldMedians: { label: string; ms: number }[] = [];
  const coldRun = async (label: string, args: string[]) => {
    const results: ColdStartRun[] = [];
    for (let i = 0; i < run.config.coldRuns; i++) {
      try {
        const r = await coldStart(args, run.root, coldPath);
        if (r.status !== 200) run.errors.push(`cold start ${label}: first answer was ${r.status}`);
        results.push(r);
      } catch (error) {
        run.errors.push(`cold start ${label}: ${(error as Error).message}`);
        console.log(`  !! ERROR cold start ${label}: ${(error as Error).message}`);
      }
    }
    if (results.length === 0) return;
    const ms = results.map((r) => r.ms);
    coldMedians.push({ label, ms: median(ms) });
    const childMedian = (pick: (r: ColdStartRun) => number | undefined) => {
      const values = results.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? fmtMs(median(values)) : 'n/a';
    };
    coldRows.push([
      label,
      fmtMs(median(ms)),
      fmtMs(Math.min(...ms)),
      fmtMs(Math.max(...ms)),
      childMedian((r) => r.modulesLoadedMs),
      childMedian((r) => r.listeningMs),
      ms.map((m) => Math.round(m)).join(', '),
    ]);
  };
  await coldRun('tsx: node --import tsx bench/servers/vendor-cold.ts', run.tsxArgs('bench/servers/vendor-cold.ts'));
  const bundle = join(run.root, 'bench/.out/vendor-cold.cjs');
  const built = performance.now();
  await buildBundle({ entry: join(run.root, 'bench/servers/vendor-cold.ts'), outfile: bundle });
  console.log(`  bundle: ${relative(run.root, bundle)} built in ${fmtMs(performance.now() - built)} by scripts/bundle/vendor-bundle.mjs (what npm start runs)`);
  await coldRun(`bundle: node ${relative(run.root, bundle)}`, [bundle]);
  // The first run saves V8's code cache beside the bundle; the runs measured here use it, as every npm start after the first does.
  const cached = ['--input-type=module', '-e', `import { runWithCodeCache } from ${JSON.stringify(join(run.root, 'scripts/bundle/code-cache.mjs'))}; runWithCodeCache(${JSON.stringify(bundle)});`];
  await coldStart(cached, run.root, coldPath);
  await coldRun('cached: bundle + V8 code cache (npm start)', cached);
  console.log(table(['entry', 'median', 'min', 'max', 'imports done*', 'listening*', 'all runs (ms)'], coldRows, [false, true, true, true, true, true, false]));
  console.log('  * median, as the child saw it: ms from its own process start (so without the spawn itself) to the end of its imports / to listening');
  console.log('');
  for (const { label, ms } of coldMedians) {
    console.log(`  ${label.split(':')[0]!.padEnd(6)} median ${fmtMs(ms)}   target < ${run.targets.coldStartMs} ms: ${mark(ms < run.targets.coldStartMs)}`);
  }
  console.log('');
  return coldMedians.map(({ label, ms }) => ({ target: `cold start < ${run.targets.coldStartMs} ms (${label.split(':')[0]!})`, value: fmtMs(ms), met: ms < run.targets.coldStartMs }));
}
