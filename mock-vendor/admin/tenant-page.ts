import type { Tenant } from '../tenants/tenant.ts';

/** The creation number in a tenant id (`ten_0042_ab12cd` → 42): tenants are listed in this order. */
const creationNumber = (tenantId: string) => Number(tenantId.split('_')[1]);

/**
 * One page of `GET /__admin/tenants`, oldest first. The cursor is the id of the page's last tenant,
 * found by its creation number, so a page still follows on when that tenant was deleted meanwhile.
 */
export function pageOfTenants(tenants: readonly Tenant[], limit: number, after: string | undefined): { data: Tenant[]; next: string | null } {
  const start = after === undefined ? 0 : tenants.findIndex((t) => creationNumber(t.id) > creationNumber(after));
  const rest = start === -1 ? [] : tenants.slice(start);
  const data = rest.slice(0, limit);
  return { data, next: rest.length > limit ? data[data.length - 1]!.id : null };
}
