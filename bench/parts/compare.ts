import { join } from 'node:path';
import { buildBundle } from '../../scripts/bundle/vendor-bundle.mjs';
import { baselineCheckout, BaselineError } from '../lib/baseline.ts';
import type { BenchRun } from '../lib/bench-run.ts';
import { spawnServer, type ServerChild } from '../lib/children.ts';
import { fetchRaw } from '../lib/fetch-raw.ts';
import { fmtInt, fmtUs, median, table } from '../lib/format.ts';
import { load } from '../lib/load.ts';

/**
 * This checkout's vendor against the one at `ref`, with express beside them as a yardstick: many
 * short runs, alternating, so both vendors meet the same moods of a shared machine. The figure
 * that counts is CPU per request, compared within each round.
 */
export async function compareWithBaseline(run: BenchRun, ref: string): Promise<void> {
  let baseline: { sha: string; dir: string };
  try {
    baseline = baselineCheckout(run.root, ref);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    run.errors.push(error.message);
    console.log(`  !! ${error.message}`);
    return;
  }
  const rounds = run.quick ? 3 : 8;
  const seconds = run.quick ? 1 : 3;
  const baselineBundle = await buildBundle({
    entry: join(baseline.dir, 'bench/servers/vendor.ts'),
    outfile: join(run.root, 'bench/.out/servers', `vendor-${baseline.sha.slice(0, 12)}.mjs`),
    format: 'esm',
  });
  const children = new Map<string, ServerChild>();
  children.set('baseline', await spawnServer({ name: 'baseline', args: [baselineBundle], cwd: baseline.dir }));
  children.set('current', await spawnServer({ name: 'current', args: await run.bundledArgs('bench/servers/vendor.ts'), cwd: run.root }));
  const first = await fetchRaw(`${children.get('current')!.info.url}${run.config.path}`, { authorization: `Bearer ${children.get('current')!.info.token!}` });
  children.set('express', await spawnServer({ name: 'express', args: await run.bundledArgs('bench/servers/express.ts'), cwd: run.root, init: { type: 'init', json: first.body.toString('utf8') } }));
  const names = [...children.keys()];
  // Each vendor checks its own token; express is sent one too, as in the throughput runs.
  const auth = (child: ServerChild) => ({ authorization: `Bearer ${child.info.token ?? children.get('current')!.info.token!}` });
  const common = (child: ServerChild) => ({ url: `${child.info.url}${run.config.path}`, headers: auth(child), connections: run.config.connections });

  console.log(`Compare: this checkout against ${ref} (${baseline.sha.slice(0, 12)}), ${rounds} rounds of ${seconds} s each, alternating ${names.join(' → ')}, after a ${run.config.warmupSeconds} s warm-up each`);
  for (const [name, child] of children) run.checkRun(`compare ${name} warm-up`, await load({ ...common(child), duration: run.config.warmupSeconds, maxSeconds: run.config.warmupSeconds + 30 }));
  const cpu = new Map<string, number[]>(names.map((n) => [n, []]));
  const rps = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, child] of children) {
      const before = await child.stats();
      const result = await load({ ...common(child), duration: seconds, maxSeconds: seconds + 30 });
      run.checkRun(`compare ${name} round ${round}`, result);
      cpu.get(name)!.push(((await child.stats()).cpuMicros - before.cpuMicros) / Math.max(1, result.total));
      rps.get(name)!.push(result.requestsPerSecond);
    }
  }
  for (const child of children.values()) await child.stop();
  const perRound = (a: string, b: string) => median(cpu.get(a)!.map((c, i) => c / cpu.get(b)![i]!));
  console.log(
    table(
      ['server', 'CPU/request (median)', 'req/s (median)', 'CPU/request each round'],
      names.map((n) => [n, fmtUs(median(cpu.get(n)!)), fmtInt(median(rps.get(n)!)), cpu.get(n)!.map((c) => c.toFixed(0)).join(' ')]),
      [false, true, true, false],
    ),
  );
  console.log('');
  console.log(`  current ÷ baseline, CPU per request: ${perRound('current', 'baseline').toFixed(2)}   (median of the per-round ratios; below 1 means this checkout is cheaper)`);
  console.log(`  CPU per request ÷ express's: baseline ${perRound('baseline', 'express').toFixed(2)}, current ${perRound('current', 'express').toFixed(2)}`);
  console.log('');
}
