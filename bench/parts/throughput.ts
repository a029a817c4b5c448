/** Part `throughput`: the vendor, a bare express app and a bare node:http server, alternating, under the same load. */
import { fetchRaw } from '../lib/fetch-raw.ts';
import { spawnServer, type ServerChild } from '../lib/children.ts';
import { fmtCores, fmtInt, fmtMiB, fmtMs, fmtPct, fmtUs, mark, median, table } from '../lib/format.ts';
import { load, type LoadResult } from '../lib/load.ts';
import { machineCpu, otherCores } from '../lib/machine.ts';
import type { BenchRun, Verdict } from '../lib/bench-run.ts';

type ServerName = 'vendor' | 'express' | 'node';
export const ORDER: ServerName[] = ['vendor', 'express', 'node'];

export async function measureThroughput(run: BenchRun): Promise<Verdict> {
  // ---- servers ------------------------------------------------------------------------------
  const servers = new Map<ServerName, ServerChild>();
  const vendor = await spawnServer({ name: 'vendor', args: await run.bundledArgs('bench/servers/vendor.ts'), cwd: run.root });
  servers.set('vendor', vendor);
  const token = vendor.info.token!;
  const auth = { authorization: `Bearer ${token}` };
  const first = await fetchRaw(`${vendor.info.url}${run.config.path}`, auth);
  if (first.status !== 200) throw new Error(`vendor preflight: GET ${run.config.path} answered ${first.status}: ${first.body.toString('utf8').slice(0, 300)}`);
  const pageJson = first.body.toString('utf8');
  const contacts = (JSON.parse(pageJson) as { data: unknown[] }).data.length;
  if (contacts !== 20) throw new Error(`vendor preflight: expected a 20-contact page, got ${contacts}`);

  for (const [name, file] of [['express', 'bench/servers/express.ts'], ['node', 'bench/servers/node-http.ts']] as const) {
    servers.set(name, await spawnServer({ name, args: await run.bundledArgs(file), cwd: run.root, init: { type: 'init', json: pageJson } }));
  }
  const headerBytes = new Map<ServerName, number>([['vendor', first.headerBytes]]);
  for (const name of ['express', 'node'] as const) {
    const res = await fetchRaw(`${servers.get(name)!.info.url}${run.config.path}`, auth);
    if (res.status !== 200 || !res.body.equals(first.body)) {
      throw new Error(`${name} preflight: status ${res.status}, body ${res.body.equals(first.body) ? 'identical' : 'DIFFERENT'} to the vendor's`);
    }
    headerBytes.set(name, res.headerBytes);
  }
  console.log('Servers');
  console.log(
    `  vendor   ${vendor.info.url}  pid ${vendor.info.pid}  tenant ${String(vendor.info['tenantId'])} on scenario bench-calm (calm + rate limit 1e9/s),`,
  );
  console.log(`           journal on, fault engine on: ${(vendor.info['rules'] as string[]).length} rules tested per request (${(vendor.info['rules'] as string[]).join(', ')}), none matches,`);
  console.log('           bearer token from POST /oauth/token (client_secret_basic)');
  console.log(`  express  ${servers.get('express')!.info.url}  pid ${servers.get('express')!.info.pid}  express 5, res.json(page) (object parsed once from the vendor's page), etag and x-powered-by off as in the vendor`);
  console.log(`  node     ${servers.get('node')!.info.url}  pid ${servers.get('node')!.info.pid}  node:http, the vendor's page as one pre-serialised Buffer`);
  console.log(
    `  Response: body ${fmtInt(first.body.length)} bytes, byte-identical on all three; headers ${ORDER.map((n) => `${n} ${headerBytes.get(n)} B`).join(', ')}`,
  );
  console.log('');

  // ---- throughput ---------------------------------------------------------------------------
  const runs = new Map<ServerName, LoadResult[]>(ORDER.map((n) => [n, []]));
  const cpu = new Map<ServerName, { perRequest: number; busy: number; others: number | undefined }[]>(ORDER.map((n) => [n, []]));
  const non2xxTotal = new Map<ServerName, number>(ORDER.map((n) => [n, 0]));
  for (let round = 1; round <= run.config.rounds; round++) {
    console.log(`Round ${round}/${run.config.rounds}`);
    for (const name of ORDER) {
      const server = servers.get(name)!;
      const url = `${server.info.url}${run.config.path}`;
      const common = { url, headers: auth, connections: run.config.connections };
      const warm = await load({ ...common, duration: run.config.warmupSeconds, maxSeconds: run.config.warmupSeconds + 30 });
      run.checkRun(`${name} round ${round} warm-up`, warm);
      const before = await server.stats();
      const machineBefore = machineCpu();
      const selfBefore = process.cpuUsage();
      const wallStart = performance.now();
      const result = await load({ ...common, duration: run.config.measureSeconds, maxSeconds: run.config.measureSeconds + 30 });
      const wallMicros = (performance.now() - wallStart) * 1000;
      const self = process.cpuUsage(selfBefore);
      const machineAfter = machineCpu();
      const cpuMicros = (await server.stats()).cpuMicros - before.cpuMicros;
      const others = otherCores(machineBefore, machineAfter, cpuMicros + self.user + self.system, wallMicros);
      const cpuNow = { perRequest: cpuMicros / Math.max(1, result.total), busy: cpuMicros / wallMicros, others };
      cpu.get(name)!.push(cpuNow);
      run.checkRun(`${name} round ${round}`, result);
      if (server.crashed) run.errors.push(server.crashed);
      non2xxTotal.set(name, non2xxTotal.get(name)! + warm.non2xx + result.non2xx);
      runs.get(name)!.push(result);
      console.log(
        `  ${name.padEnd(7)} ${fmtInt(result.requestsPerSecond).padStart(7)} req/s  p50 ${fmtMs(result.p50Ms).padStart(8)}  p99 ${fmtMs(result.p99Ms).padStart(8)}  ${fmtInt(result.total).padStart(8)} requests  server CPU ${fmtUs(cpuNow.perRequest).padStart(6)}/req (${fmtPct(cpuNow.busy)} of a core)  other work ${fmtCores(cpuNow.others)}  status ${JSON.stringify(result.statusCodes)}`,
      );
    }
  }
  const rss = new Map<ServerName, number>();
  for (const name of ORDER) rss.set(name, (await servers.get(name)!.stats()).rss);
  for (const server of servers.values()) await server.stop();
  console.log('');

  const cpuPerRequest = (n: ServerName) => median(cpu.get(n)!.map((c) => c.perRequest));
  const best = new Map<ServerName, LoadResult>(
    ORDER.map((n) => [n, runs.get(n)!.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a))]),
  );
  console.log(`Throughput: best of ${run.config.rounds} rounds per server (the round with the highest req/s, and that round's p99)`);
  console.log(
    table(
      ['server', 'req/s (avg)', 'p99 latency', 'non-2xx', 'req/s each round', 'server CPU/request', 'RSS after', 'other work in best round'],
      ORDER.map((n) => [
        n,
        fmtInt(best.get(n)!.requestsPerSecond),
        fmtMs(best.get(n)!.p99Ms),
        String(non2xxTotal.get(n)),
        runs.get(n)!.map((r) => fmtInt(r.requestsPerSecond)).join(' / '),
        fmtUs(cpuPerRequest(n)),
        fmtMiB(rss.get(n)!),
        fmtCores(cpu.get(n)![runs.get(n)!.indexOf(best.get(n)!)]?.others),
      ]),
      [false, true, true, true, true, true, true, true],
    ),
  );
  console.log('  (server CPU/request: median over the rounds of the server process\'s user+system CPU time divided by the requests answered)');
  const vendorRps = best.get('vendor')!.requestsPerSecond;
  // Per round, express's run right after the vendor's: a pair sees about the same machine, so the
  // median of the pairs' ratios holds better than a ratio of medians when the machine drifts.
  const cpuRatioExpress = median(cpu.get('vendor')!.map((v, round) => cpu.get('express')![round]!.perRequest / v.perRequest));
  const ratioExpress = vendorRps / best.get('express')!.requestsPerSecond;
  const ratioNode = vendorRps / best.get('node')!.requestsPerSecond;
  console.log('');
  console.log(`  vendor/express = ${ratioExpress.toFixed(2)}   target ≥ ${run.targets.ratioVsExpress.toFixed(2)}: ${mark(ratioExpress >= run.targets.ratioVsExpress)}`);
  console.log(`  vendor/node    = ${ratioNode.toFixed(2)}   (no target: how much of the machine's HTTP ceiling the vendor reaches)`);
  console.log(`  by CPU cost    = ${cpuRatioExpress.toFixed(2)}   (express CPU/request ÷ vendor CPU/request, median over rounds: the ratio if each had a core to itself; less sensitive to other work, not immune)`);
  console.log(`  vendor req/s   = ${fmtInt(vendorRps)}   target > ${fmtInt(run.targets.vendorRps)}: ${mark(vendorRps > run.targets.vendorRps)}`);
  console.log('');
  return [
    { target: `vendor/express ≥ ${run.targets.ratioVsExpress}`, value: ratioExpress.toFixed(2), met: ratioExpress >= run.targets.ratioVsExpress },
    { target: `vendor > ${fmtInt(run.targets.vendorRps)} req/s`, value: fmtInt(vendorRps), met: vendorRps > run.targets.vendorRps },
  ];
}
