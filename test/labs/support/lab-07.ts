import type { Deal, DealSync, DealSyncDeps, Lab07, QuarantinedDeal, SyncReport } from '../../../labs/07-breaking-change/contract.ts';
import type { RecordStore } from '../../../labs/platform/index.ts';
import type { Rule, RuleInput } from '../../../mock-vendor/engine/rule.ts';
import { schemaDrift } from '../../../mock-vendor/faults/schema-drift.ts';
import { DEPRECATIONS } from '../../../mock-vendor/resources/lifecycle.ts';
import { builtInScenarios } from '../../../mock-vendor/scenarios/index.ts';
import { DealV1Schema } from '../../../mock-vendor/schemas/deal.ts';
import { ensure, plural } from '../../harness/check-failure.ts';
import type { CheckContext, TenantHandle } from '../../harness/graded-lab.ts';
import { describeError, settle } from './lab-01.ts';

export { describeError, settle };

type Check = CheckContext<Lab07>;

/** The platform side a check hands to the code under test, and reads back afterwards. */
export function platformStores(t: Check) {
  return { deals: t.platform.store<Deal>('deals'), quarantine: t.platform.store<QuarantinedDeal>('deals-quarantine'), alerts: t.platform.alerts };
}

/** The code under test for this check's tenant (or another one), writing to the check's platform. */
export function dealSyncFor(t: Check, tenant: TenantHandle = t, deps: Partial<DealSyncDeps> = {}): DealSync {
  return t.lab.createDealSync({ env: tenant.env, logger: t.platform.logger, timeoutMs: 5_000, ...platformStores(t), ...deps });
}

const RUN_LIMIT_MS = 8_000;

/** One run of the sync, within a time limit; a rejection is a result too (the endpoint may be gone). */
export async function runSync(sync: DealSync) {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'still waiting'>((resolve) => (timer = setTimeout(resolve, RUN_LIMIT_MS, 'still waiting')));
  const result = await settle(Promise.race([Promise.resolve().then(() => sync.syncDeals()), limit]));
  clearTimeout(timer);
  ensure(!(result.ok && result.value === 'still waiting'), `syncDeals() was still running after ${RUN_LIMIT_MS / 1000} s for 40 deals. Give every request a timeout and follow next_cursor until it is null.`);
  return result as { ok: true; value: SyncReport; ms: number } | { ok: false; error: unknown; ms: number };
}

/** A run that must complete: fails the check with what went wrong otherwise. */
export const KEEP_GOING = 'A record that does not fit goes to quarantine; it must not stop the run.';

export async function completedRun(sync: DealSync, when: string, hint = ''): Promise<SyncReport> {
  const result = await runSync(sync);
  ensure(result.ok, () => `syncDeals() failed ${when}: ${describeError(!result.ok && result.error)}.${hint ? ` ${hint}` : ''}`);
  const report = result.value as Partial<SyncReport>;
  ensure(Array.isArray(report?.written) && Array.isArray(report.quarantined), `syncDeals() returned ${JSON.stringify(report)} ${when}; return { written, quarantined } (see SyncReport in contract.ts).`);
  return result.value;
}

/** The scenario's rule with this id (the checks read windows and drift from the scenario, never a copy). */
export function scenarioRule(t: TenantHandle, id: string): Rule {
  const scenario = builtInScenarios.find((s) => s.name === t.scenario);
  if (!scenario) throw new Error(`Lab 07 check setup: there is no built-in scenario "${t.scenario}".`);
  const rule = scenario.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`Scenario ${scenario.name} has no rule "${id}".`);
  return rule;
}

/** Moves the tenant's clock into the window of the scenario rule `id` (release, move, removal). */
export async function advanceInto(t: Check, id: string, tenant: TenantHandle = t): Promise<void> {
  const fromMs = (scenarioRule(tenant, id).when.fromSeconds ?? 0) * 1000;
  const elapsedMs = tenant.acme.now() - (await tenant.acme.rulesActivatedAt());
  if (elapsedMs < fromMs + 1_000) await tenant.acme.advanceClock(fromMs + 1_000 - elapsedMs);
}

/** Acme's deals as GET /v1/deals presents them (without any fault), read from the vendor. */
export type AcmeDeal = Awaited<ReturnType<TenantHandle['acme']['data']>>[number];

export function acmeDeals(t: TenantHandle): Promise<AcmeDeal[]> {
  return t.acme.data('deals', 'v1');
}

/** The deal as our platform should hold it, from the vendor's own record (the README's table). */
export function expectedDeal(deals: readonly AcmeDeal[], id: string): Deal | undefined {
  const deal = deals.find((d) => d.id === id);
  if (!deal) return undefined;
  return {
    externalId: deal.id,
    source: 'acme-crm',
    contactId: deal['contact_id'] as string,
    title: deal['title'] as string,
    amountMinor: deal['amount'] as number,
    currency: deal['currency'] as Deal['currency'],
    stage: deal['stage'] as Deal['stage'],
    closeDate: deal['close_date'] as Deal['closeDate'],
  };
}

/**
 * The deals a schema-drift rule breaks: served through the rule's own transform, they no longer fit
 * Acme's documented v1 schema (added fields fit it; a string amount or a missing field does not).
 */
export async function dealsBrokenBy(t: TenantHandle, rule: Pick<RuleInput, 'fault' | 'options'>): Promise<string[]> {
  ensure(rule.fault === 'schema-drift', `internal: rule uses ${rule.fault}, not schema-drift`);
  const options = schemaDrift.options.parse(rule.options ?? {});
  const effect = schemaDrift.apply({ options } as never) as { kind: 'rewrite-body'; rewrite: { transform(body: unknown): unknown } };
  const all = await acmeDeals(t);
  const broken = all.filter((deal) => !DealV1Schema.safeParse(effect.rewrite.transform(structuredClone(deal))).success).map((deal) => deal.id);
  const total = all.length;
  // A drift that breaks no record, or every record, could not tell a right quarantine from a wrong one.
  if (broken.length === 0 || broken.length === total) throw new Error(`Lab 07 check setup: the drift breaks ${broken.length} of ${total} deals on seed ${t.seed}; pick another filter.`);
  return broken;
}

/** Records in the store that are not what Acme holds: a wrong type, a wrong value, a missing field. */
export async function corruptedRecords(t: TenantHandle, deals: RecordStore<Deal>): Promise<{ id: string; got: unknown; expected: unknown }[]> {
  const held = await acmeDeals(t);
  const out: { id: string; got: unknown; expected: unknown }[] = [];
  for (const record of deals.all()) {
    const id = String((record as Partial<Deal>)?.externalId);
    const expected = expectedDeal(held, id);
    if (!expected || JSON.stringify(sortKeys(record)) !== JSON.stringify(sortKeys(expected))) out.push({ id, got: record, expected });
  }
  return out;
}

export function describeCorrupted(corrupted: Awaited<ReturnType<typeof corruptedRecords>>): string {
  const [first] = corrupted;
  if (!first) return '';
  const diffs = first.expected
    ? Object.entries(first.expected as Record<string, unknown>)
        .filter(([k, v]) => JSON.stringify((first.got as Record<string, unknown>)?.[k]) !== JSON.stringify(v))
        .map(([k, v]) => `${k} = ${JSON.stringify((first.got as Record<string, unknown>)?.[k])} (Acme holds ${JSON.stringify(v)})`)
    : [`an id Acme does not have`];
  return `${plural(corrupted.length, 'record')} in the deal store do not match what Acme holds; ${first.id} has ${diffs.slice(0, 3).join(', ') || 'extra fields'}`;
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

/** Alerts about schema drift: the README asks for keys starting with `schema-drift`. */
export function driftAlerts(t: Check) {
  return t.platform.alerts.list().filter((a) => String(a.key).startsWith('schema-drift'));
}

export const alertText = (alert: { key: string; message: string; details?: unknown }) => `${alert.key} ${alert.message} ${JSON.stringify(alert.details ?? {})}`;

/** Every alert, warning log line and console line that speaks of the deprecation or the sunset. */
export function deprecationMentions(t: Check): string[] {
  const mentions = /deprecat|sunset/i;
  const alerts = t.platform.alerts.list().map(alertText);
  const warnings = t.platform.logs
    .records()
    .filter((r) => Number(r['level']) >= 40)
    .map((r) => JSON.stringify(r));
  const printed = t.logsWritten().filter((l) => l.where === 'console output').map((l) => l.text);
  return [...alerts, ...warnings, ...printed].filter((text) => mentions.test(text));
}

/** `/v1/deals`' sunset as the vendor announces it, in the forms a notice may give it. */
export function sunsetForms(): { iso: string; http: string } {
  const sunsetAt = DEPRECATIONS[0].sunsetAt;
  return { iso: new Date(sunsetAt).toISOString().slice(0, 10), http: new Date(sunsetAt).toUTCString().slice(5, 16) };
}
