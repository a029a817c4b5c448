/**
 * Runs your sync (src/index.ts) round after round against the vendor started by
 * `npm run lab -- start 05`: each round syncs the next few contacts and prints the report, your
 * counters and your alerts. `.env` is read again before every round, so adding
 * `ACME_SYNC_KILL_SWITCH=on` to it flips your kill switch while this runs. Your logs go to stderr.
 *
 *   npx tsx labs/05-lean-release/run-sync.ts [--rounds 30] [--every 2] [--records 5] 2>/dev/null
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlatform } from '../platform/index.ts';
import { labEnv } from '../platform/env.ts';
import { KILL_SWITCH, type Lab05 } from './contract.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' }, every: { type: 'string', default: '2' }, records: { type: 'string', default: '5' } } });
const env = labEnv();
const reloadEnv = () => Object.assign(env, { [KILL_SWITCH]: undefined }, labEnv());

// Your tenant's clock at Acme runs ahead of ours once someone advances it
// (POST /__admin/tenants/:id/clock/advance, or the vendor-wide /__admin/clock/advance): follow it.
let offsetMs = 0;
async function followVendorClock(): Promise<void> {
  const response = await fetch(`${env['VENDOR_BASE_URL']}/__admin/tenants/${env['VENDOR_TENANT_ID']}/clock`, { headers: { Authorization: `Bearer ${env['VENDOR_TENANT_KEY']}` } });
  if (response.ok) offsetMs = ((await response.json()) as { nowMs: number }).nowMs - Date.now();
}

const lab = (await import(pathToFileURL(join(import.meta.dirname, 'src', 'index.ts')).href)) as Lab05;
const platform = createPlatform({ echoLogs: true });
const sync = lab.createLeanSync({
  env,
  logger: platform.logger,
  alerts: platform.alerts,
  counters: platform.counters,
  now: () => Date.now() + offsetMs,
  retry: { baseDelayMs: 200, maxAttempts: 4 },
  timeoutMs: 2_000,
  deadlineMs: 6_000,
  breaker: { failureThreshold: 3, coolDownMs: 10_000 },
});

const perRound = Number(values.records);
for (let round = 1; round <= Number(values.rounds); round++) {
  reloadEnv();
  await followVendorClock();
  const ids = Array.from({ length: perRound }, (_, i) => `ct_${String(((round - 1) * perRound + i) % 60 + 1).padStart(6, '0')}`);
  const report = await sync.syncContacts(ids.map((id) => ({ id, changes: { company: `Round ${round} Ltd` } })));
  const skipped = [...new Set(report.skipped.map((s) => s.reason))].join(', ');
  console.log(
    `round ${round}: synced ${report.synced.length}, failed ${report.failed.length}, skipped ${report.skipped.length}${skipped ? ` (${skipped})` : ''}` +
      ` | counters ${JSON.stringify(platform.counters.snapshot())} | alerts ${platform.alerts.list().map((a) => a.severity).join(', ') || 'none'}`,
  );
  await sleep(Number(values.every) * 1000);
}
