import axios, { type AxiosInstance } from 'axios';
import { startVendor, type RunningVendor, type StartOptions } from '../../mock-vendor/server.ts';
import type { CreateTenantInput } from '../../mock-vendor/vendor.ts';
import type { Tenant } from '../../mock-vendor/tenants/tenant.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestVendor extends RunningVendor {
  tenant: Tenant;
  clientId: string;
  clientSecret: string;
  /** Plain axios against the vendor: any status is returned, never thrown (assert it yourself). */
  http: AxiosInstance;
  /** Admin API client, already authorised. */
  admin: AxiosInstance;
  /** A fresh access token for the test tenant (client_secret_basic). */
  token(scope?: string): Promise<string>;
  /** axios with `Authorization: Bearer` set from a fresh token. */
  authed(scope?: string): Promise<AxiosInstance>;
}

/**
 * A vendor on 127.0.0.1:0 with one tenant, for tests that talk HTTP to it like a real client.
 * Call `close()` in `afterAll`/`afterEach`.
 */
export async function startTestVendor(options: StartOptions & { tenant?: CreateTenantInput } = {}): Promise<TestVendor> {
  const { tenant: tenantInput, ...startOptions } = options;
  const running = await startVendor({ adminToken: TEST_ADMIN_TOKEN, log: () => {}, ...startOptions });
  const { tenant, clientSecret } = running.vendor.createTenant(tenantInput);
  const http = axios.create({ baseURL: running.url, validateStatus: () => true, timeout: 10_000 });
  const admin = axios.create({ baseURL: `${running.url}/__admin`, validateStatus: () => true, headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  const token = async (scope?: string) => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
    const res = await http.post('/oauth/token', form, { auth: { username: tenant.clientId, password: clientSecret } });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${JSON.stringify(res.data)}`);
    return res.data.access_token as string;
  };
  return {
    ...running,
    tenant,
    clientId: tenant.clientId,
    clientSecret,
    http,
    admin,
    token,
    authed: async (scope?: string) =>
      axios.create({ baseURL: running.url, validateStatus: () => true, timeout: 10_000, headers: { Authorization: `Bearer ${await token(scope)}` } }),
  };
}
