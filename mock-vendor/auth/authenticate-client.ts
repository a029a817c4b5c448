import type { Tenant } from '../tenants/tenant.ts';
import type { Vendor } from '../vendor.ts';
import type { PresentedClient } from './client-credentials.ts';

/**
 * The tenant whose client id and secret these are, or undefined when the id is unknown, the secret
 * is missing or wrong, or it was rotated out. A client id alone is public knowledge: only a caller
 * this accepts may touch its tenant (journal, fault rules, scenario name).
 */
export function authenticateClient(vendor: Vendor, client: PresentedClient): Tenant | undefined {
  const tenant = vendor.tenantByClientId(client.clientId);
  if (tenant === undefined || client.clientSecret === undefined) return undefined;
  return tenant.secrets.verify(client.clientSecret, tenant.clock.now()) === undefined ? undefined : tenant;
}
