/**
 * The cold-start entry: the vendor and nothing else, on BENCH_PORT. The orchestrator times the
 * process from spawn to its first HTTP answer. Also the esbuild bundle's entry point.
 */
import { startVendor } from '../../mock-vendor/server.ts';

const running = await startVendor({ port: Number(process.env['BENCH_PORT']), log: () => {} });
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
