/**
 * Runs your service (src/index.ts) against the vendor started by `npm run lab -- start 10`: a run
 * every --every seconds, `GET /health` on --port, log lines on stderr. Two contacts are created on
 * the platform at start, so the push has something to do. Stop it with Ctrl-C.
 *
 *   npx tsx labs/10-capstone/run-service.ts [--every 10] [--port 4110] [--runs 0]
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlatform } from '../platform/index.ts';
import { labEnv } from '../platform/env.ts';
import { CONTACTS_STORE, type Lab10, type PlatformContact } from './contract.ts';

const { values } = parseArgs({ options: { every: { type: 'string', default: '10' }, port: { type: 'string', default: '4110' }, runs: { type: 'string', default: '0' } } });
const env = labEnv();
const lab = (await import(pathToFileURL(join(import.meta.dirname, 'src', 'index.ts')).href)) as Lab10;
const platform = createPlatform({ echoLogs: true });
const store = platform.store<PlatformContact>(CONTACTS_STORE);
const stamp = Date.now();
for (const n of [1, 2]) {
  const id = `pf_${stamp}_${n}`;
  store.upsert(id, { id, acmeId: null, firstName: 'Try', lastName: `Out ${n}`, email: `try.out.${n}.${stamp}@platform.example.org`, phone: null, company: null, acmeUpdatedAt: null });
}

const service = lab.createSyncService({ env, platform });
const server = createServer(service.healthHandler).listen(Number(values.port), '127.0.0.1');
console.log(`GET http://127.0.0.1:${values.port}/health`);
for (let run = 1; Number(values.runs) === 0 || run <= Number(values.runs); run++) {
  const report = await service.syncOnce().catch((error: unknown) => ({ threw: String(error) }));
  console.log(`run ${run}: ${JSON.stringify(report)}; the platform holds ${store.size} contacts`);
  await sleep(Number(values.every) * 1_000);
}
server.close();
