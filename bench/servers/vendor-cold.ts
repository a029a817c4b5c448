/**
 * The cold-start entry: the vendor and nothing else, on BENCH_PORT. The orchestrator times the
 * process from spawn to its first HTTP answer; this child reports, over IPC when there is a
 * channel, when its modules had loaded and when it listened (ms since the process started).
 * Also the entry point of the bundles the benchmark builds (scripts/bundle/vendor-bundle.mjs).
 */
import { startVendor } from '../../mock-vendor/server.ts';

const modulesLoadedMs = performance.now();
// No top-level await: the bundle is CommonJS, so that V8 can cache its compiled code.
void startVendor({ port: Number(process.env['BENCH_PORT']), log: () => {} }).then((running) => {
  const listeningMs = performance.now();
  process.send?.({ type: 'cold-start', modulesLoadedMs, listeningMs });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
});
