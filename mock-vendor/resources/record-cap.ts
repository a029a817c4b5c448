import { ProblemError } from '../http/problem.ts';
import type { Tenant } from '../tenants/tenant.ts';
import { LIMIT_ENV, type VendorLimits } from '../vendor-limits.ts';

/** Contacts, deals and leads the tenant holds, plus the rows its unfinished imports will still create. */
export function recordsHeld(tenant: Tenant): number {
  const { contacts, deals, leads, jobs } = tenant.data;
  const pendingRows = jobs.all().reduce((sum, job) => sum + (job.completedAt === null ? job.total - job.processed : 0), 0);
  return contacts.size + deals.size + leads.size + pendingRows;
}

/**
 * Refuses to create `adding` records when the tenant would go over its cap. 507 like the tenant
 * cap: retrying does not help, freeing room (deleting records, resetting the tenant) does.
 */
export function ensureRoomForRecords(limits: Pick<VendorLimits, 'maxRecordsPerTenant'>, tenant: Tenant, adding: number): void {
  const held = recordsHeld(tenant);
  const cap = limits.maxRecordsPerTenant;
  if (held + adding <= cap) return;
  throw new ProblemError({
    code: 'record_limit_reached',
    status: 507,
    detail:
      `Tenant ${tenant.id} holds ${held} records (contacts, deals and leads, unfinished imports included); its cap is ${cap} (${LIMIT_ENV.maxRecordsPerTenant}), ` +
      `so ${adding === 1 ? 'one more does' : `${adding} more do`} not fit. Delete records you no longer need, or start afresh with POST /__admin/tenants/${tenant.id}/reset.`,
    extra: { limit: cap, held },
  });
}
