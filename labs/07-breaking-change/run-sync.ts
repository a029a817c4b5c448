/**
 * Runs your deal sync (src/index.ts) against the vendor started by `npm run lab -- start 07`, with
 * your log lines on stderr and, after each run, the report, the store and the alerts on stdout:
 *
 *   npx tsx labs/07-breaking-change/run-sync.ts [--runs 2]
 *
 * Move Acme's clock between two invocations (see the README) to meet the release, the move and the removal.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlatform } from '../platform/index.ts';
import { labEnv } from '../platform/env.ts';
import type { Deal, Lab07, QuarantinedDeal } from './contract.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
const env = labEnv();
const lab = (await import(pathToFileURL(join(import.meta.dirname, 'src', 'index.ts')).href)) as Lab07;
const platform = createPlatform({ echoLogs: true });
const deals = platform.store<Deal>('deals');
const quarantine = platform.store<QuarantinedDeal>('deals-quarantine');
const sync = lab.createDealSync({ env, logger: platform.logger, alerts: platform.alerts, deals, quarantine });

for (let run = 1; run <= Number(values.runs); run++) {
  try {
    const report = await sync.syncDeals();
    console.log(`run ${run}: ${report.written.length} written, ${report.quarantined.length} quarantined`);
  } catch (error) {
    console.log(`run ${run} failed: ${(error as Error).message}`);
  }
}
console.log(`deal store: ${deals.size} deals; quarantine: ${quarantine.size}`);
for (const entry of quarantine.all().slice(0, 3)) console.log('  quarantined', entry.externalId, entry.reasons);
for (const alert of platform.alerts.list()) console.log(`alert [${alert.severity}] ${alert.key}: ${alert.message}`);
