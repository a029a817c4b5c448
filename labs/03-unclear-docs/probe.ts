/**
 * Runs your probes (findGaps in src/index.ts) against the vendor started by `npm run lab -- start 03`,
 * prints what they found and writes it to src/findings.json:
 *
 *   npx tsx labs/03-unclear-docs/probe.ts [--real-time] [--dry-run]
 *
 * When your probes wait for Acme's time to pass (a token's lifetime), this script moves Acme's
 * tenant's clock through the admin API (VENDOR_TENANT_KEY in .env) instead of sleeping; `--real-time`
 * really waits. `--dry-run` prints without writing findings.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlatform } from '../platform/index.ts';
import { labEnv } from '../platform/env.ts';
import { FindingsSchema, type Lab03 } from './contract.ts';

const { values } = parseArgs({ options: { 'real-time': { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } } });
const env = labEnv();
const src = join(import.meta.dirname, 'src');
const lab = (await import(pathToFileURL(join(src, 'index.ts')).href)) as Lab03;
const platform = createPlatform({ echoLogs: true });

async function moveAcmeClock(ms: number): Promise<void> {
  const response = await fetch(`${env['VENDOR_BASE_URL']}/__admin/tenants/${env['VENDOR_TENANT_ID']}/clock/advance`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env['VENDOR_TENANT_KEY']}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ seconds: ms / 1000 }),
  });
  if (!response.ok) throw new Error(`Could not move Acme's clock (${response.status}): are VENDOR_TENANT_KEY and VENDOR_TENANT_ID in .env the ones npm start (or lab join) wrote? Or run with --real-time.`);
  console.error(`(moved Acme's clock ${ms / 1000} s forward instead of waiting)`);
}

const realTime = values['real-time'] || !env['VENDOR_TENANT_KEY'] || !env['VENDOR_TENANT_ID'];
const findings = await lab.findGaps({ env, logger: platform.logger, wait: realTime ? (ms) => sleep(ms) : moveAcmeClock });
const parsed = FindingsSchema.safeParse(findings);
if (!parsed.success) {
  console.error(`findGaps() returned something findings.json cannot hold:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  process.exit(1);
}
for (const f of parsed.data.findings) console.log(`\n${f.gap}\n  docs say: ${f.docsSay}\n  actually: ${f.actually}\n  how found: ${f.howFound}\n  request ids: ${f.requestIds.join(', ')}`);
console.log(`\n${parsed.data.findings.length} finding(s).`);
if (!values['dry-run']) {
  const record = { probedAt: new Date().toISOString(), baseUrl: env['VENDOR_BASE_URL'], ...parsed.data };
  writeFileSync(join(src, 'findings.json'), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`Written to ${join('labs', '03-unclear-docs', 'src', 'findings.json')}: look the ids up in your journal, and quote them to Acme.`);
}
