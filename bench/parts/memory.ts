/** Part `memory`: a fresh vendor's resident memory as requests pile up (its journal is bounded). */
import { join } from 'node:path';
import type { BenchRun, Verdict } from '../lib/bench-run.ts';
import { spawnServer, type ServerChild } from '../lib/children.ts';
import { fmtInt, fmtMiB, MiB, mark, table } from '../lib/format.ts';
import { load } from '../lib/load.ts';

export async function measureMemory(run: BenchRun): Promise<Verdict> {
  // ---- memory -------------------------------------------------------------------------------
  const memFirst = run.config.memoryPoints[0]!;
  const memTotal = run.config.memoryPoints.at(-1)!;
  console.log(`Memory: a fresh vendor process (--expose-gc), read after ${run.config.memoryPoints.map(fmtInt).join(', ')} requests (autocannon amount, ${run.config.connections} connections)`);
  const memVendor = await spawnServer({ name: 'vendor-mem', args: ['--expose-gc', ...(await run.bundledArgs('bench/servers/vendor.ts'))], cwd: run.root });
  const memUrl = `${memVendor.info.url}${run.config.path}`;
  const memAuth = { authorization: `Bearer ${memVendor.info.token!}` };
  const points: { label: string; requests: number; report: Awaited<ReturnType<ServerChild['stats']>> }[] = [];
  points.push({ label: 'idle (tenant + token)', requests: 0, report: await memVendor.stats(true) });
  let sent = 0;
  for (const target of run.config.memoryPoints) {
    const amount = target - sent;
    const result = await load({ url: memUrl, headers: memAuth, connections: run.config.connections, amount, maxSeconds: 180 });
    run.checkRun(`memory run to ${fmtInt(target)}`, result);
    if (result.total !== amount) run.errors.push(`memory run to ${fmtInt(target)}: sent ${result.total} requests, expected ${amount}`);
    sent += result.total;
    points.push({ label: `after ${fmtInt(target)} requests`, requests: sent, report: await memVendor.stats(true) });
  }
  if (memVendor.crashed) run.errors.push(memVendor.crashed);
  await memVendor.stop();
  console.log(
    table(
      ['point', 'RSS', 'RSS after full GC', 'V8 heap used / committed after GC', 'external after GC', 'journal entries (capacity, dropped)'],
      points.map((p) => [
        p.label,
        fmtMiB(p.report.rss),
        p.report.rssAfterGc === null ? 'n/a' : fmtMiB(p.report.rssAfterGc),
        p.report.heapUsedAfterGc === null || p.report.heapTotalAfterGc === null ? 'n/a' : `${fmtMiB(p.report.heapUsedAfterGc)} / ${fmtMiB(p.report.heapTotalAfterGc)}`,
        p.report.externalAfterGc === null ? 'n/a' : fmtMiB(p.report.externalAfterGc),
        `${fmtInt(p.report.extra['journalSize'] ?? 0)} (${fmtInt(p.report.extra['journalCapacity'] ?? 0)}, ${fmtInt(p.report.extra['journalDropped'] ?? 0)})`,
      ]),
      [false, true, true, true, true, true],
    ),
  );
  const at10k = points[1]!;
  const atEnd = points.at(-1)!;
  const growth = atEnd.report.rss - at10k.report.rss;
  const heapGrowth = (atEnd.report.heapUsedAfterGc ?? 0) - (at10k.report.heapUsedAfterGc ?? 0);
  console.log('');
  console.log(
    `  RSS growth ${fmtInt(memFirst)} → ${fmtInt(memTotal)} requests: ${fmtMiB(growth)}   target < ${run.targets.memoryGrowthMiB} MiB: ${mark(growth < run.targets.memoryGrowthMiB * MiB)}   (heap used after GC: ${heapGrowth >= 0 ? '+' : ''}${fmtMiB(heapGrowth)})`,
  );
  console.log('');
  return [{ target: `memory growth < ${run.targets.memoryGrowthMiB} MiB`, value: fmtMiB(growth), met: growth < run.targets.memoryGrowthMiB * MiB }];
}
