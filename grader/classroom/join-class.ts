import { writeEnvFile } from '../../mock-vendor/env-file.ts';
import { adminCall, ClassroomError, whoAmI } from './class-vendor.ts';

export interface Joined {
  tenantId: string;
  clientId: string;
  scenario: string;
}

/**
 * Points this checkout at a class vendor: the tenant the key belongs to, a fresh client secret for
 * it (the previous one keeps working for an hour, so a second machine does not cut off the first),
 * all written to `.env`. The local admin token leaves `.env`: the class vendor does not know it.
 */
export async function joinClass(url: string, key: string, envFile: string): Promise<Joined> {
  const me = await whoAmI(url, key);
  if (me.kind !== 'tenant' || !me.tenantId) {
    throw new ClassroomError(`That is ${me.kind === 'admin' ? 'the admin token' : 'a grading key'}, not a learner's key. Join with the tenant key your teacher sent you (it starts with acme_tk_).`);
  }
  const path = `/tenants/${encodeURIComponent(me.tenantId)}`;
  const tenant = await adminCall<{ id: string; clientId: string; scenario: string }>(url, key, 'GET', path);
  const { clientSecret } = await adminCall<{ clientSecret: string }>(url, key, 'POST', `${path}/secret/rotate`, { graceSeconds: 3_600 });
  writeEnvFile(
    envFile,
    { VENDOR_BASE_URL: url, VENDOR_CLIENT_ID: tenant.clientId, VENDOR_CLIENT_SECRET: clientSecret, VENDOR_TENANT_ID: tenant.id, VENDOR_TENANT_KEY: key },
    'Written by `npm run lab -- join` for a class vendor. Your own credentials; never commit this file.',
    ['VENDOR_ADMIN_TOKEN'],
  );
  return { tenantId: tenant.id, clientId: tenant.clientId, scenario: tenant.scenario };
}
