import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildBundle } from '../../scripts/bundle/vendor-bundle.mjs';
import type { BenchRun } from '../lib/bench-run.ts';
import { spawnServer } from '../lib/children.ts';
import { fmtInt, fmtUs } from '../lib/format.ts';
import { load } from '../lib/load.ts';
import { summariseProfile, type CpuProfile } from '../lib/profile.ts';

/**
 * The vendor child under V8's sampling profiler, loaded as in the throughput runs, from an
 * unminified bundle so that every sample names its function and source module. Prints where the
 * time went and leaves the `.cpuprofile` for Chrome DevTools.
 */
export async function profileVendor(run: BenchRun): Promise<void> {
  const dir = join(run.root, 'bench/.out/profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bundle = await buildBundle({
    entry: join(run.root, 'bench/servers/vendor.ts'),
    outfile: join(run.root, 'bench/.out/servers/vendor-unminified.mjs'),
    format: 'esm',
    minify: false,
  });
  const vendor = await spawnServer({ name: 'vendor', args: ['--cpu-prof', `--cpu-prof-dir=${dir}`, bundle], cwd: run.root });
  const common = { url: `${vendor.info.url}${run.config.path}`, headers: { authorization: `Bearer ${vendor.info.token!}` }, connections: run.config.connections };
  run.checkRun('profile warm-up', await load({ ...common, duration: run.config.warmupSeconds, maxSeconds: run.config.warmupSeconds + 30 }));
  const before = await vendor.stats();
  const result = await load({ ...common, duration: run.config.measureSeconds, maxSeconds: run.config.measureSeconds + 30 });
  const cpuMicros = (await vendor.stats()).cpuMicros - before.cpuMicros;
  run.checkRun('profile run', result);
  await vendor.stop();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) {
    run.errors.push(`profile: the vendor wrote no .cpuprofile into ${relative(run.root, dir)}`);
    return;
  }
  const summary = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, bundle);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`Profile: the vendor under --cpu-prof (unminified bundle; sampling costs it some speed), ${run.config.measureSeconds} s measured after ${run.config.warmupSeconds} s warm-up`);
  console.log(`  ${fmtInt(result.requestsPerSecond)} req/s, server CPU ${fmtUs(cpuMicros / Math.max(1, result.total))}/req; ${fmtInt(summary.sampledMs)} ms sampled, of which idle ${pct(summary.idleFraction)}`);
  console.log('  Self time by function (share of all samples; "writev" and "(garbage collector)" are the kernel write and V8):');
  for (const { name, fraction } of summary.byFunction) console.log(`    ${pct(fraction).padStart(6)}  ${name}`);
  console.log('  Self time by source module:');
  for (const { name, fraction } of summary.byModule) console.log(`    ${pct(fraction).padStart(6)}  ${name}`);
  console.log(`  Profile for Chrome DevTools (Performance → Load profile): ${relative(run.root, join(dir, file))}`);
  console.log('');
}
