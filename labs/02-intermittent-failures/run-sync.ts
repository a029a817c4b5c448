/**
 * Runs your sync (src/index.ts) once against the vendor started by `npm run lab -- start 02`, with
 * your log lines on stderr and the report on stdout:
 *
 *   npx tsx labs/02-intermittent-failures/run-sync.ts [--records 40] [--timeout 400]
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlatform } from '../platform/index.ts';
import { labEnv } from '../platform/env.ts';
import type { ContactUpdate, Lab02 } from './contract.ts';

const { values } = parseArgs({ options: { records: { type: 'string', default: '40' }, timeout: { type: 'string', default: '400' } } });
const env = labEnv();
const lab = (await import(pathToFileURL(join(import.meta.dirname, 'src', 'index.ts')).href)) as Lab02;
const platform = createPlatform({ echoLogs: true });
const updates = platform.store<ContactUpdate>('acme-contact-updates');
for (let n = 1; n <= Number(values.records); n++) {
  const id = `ct_${String(n).padStart(6, '0')}`;
  updates.upsert(id, { id, changes: n === 13 ? { email: 'accounts@northwind-traders' } : { company: `Nightly ${id} Ltd` } });
}

const client = lab.createSyncClient({ env, logger: platform.logger, retry: { baseDelayMs: 50, maxAttempts: 6 }, timeoutMs: Number(values.timeout) });
const started = Date.now();
const report = await client.syncContacts(updates);
console.log(JSON.stringify(report, null, 2));
console.log(`${report.synced.length} synced, ${report.poisoned.length} poisoned, ${report.failed.length} failed in ${Date.now() - started} ms`);
