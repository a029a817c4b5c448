import type { CreateTenantInput } from '../../mock-vendor/vendor.ts';
import type { AcmeControl } from './acme-control.ts';

/** What the lab's code reads from its environment. */
export interface LabEnv {
  VENDOR_BASE_URL: string;
  VENDOR_CLIENT_ID: string;
  VENDOR_CLIENT_SECRET: string;
  [name: string]: string | undefined;
}

/** A tenant a check works with: its credentials, the environment built from them, and its vendor side. */
export interface TenantHandle {
  clientId: string;
  clientSecret: string;
  scenario: string;
  seed: number;
  env: LabEnv;
  /** The vendor side of this tenant, the same whether Acme runs in this process or elsewhere. */
  acme: AcmeControl;
}

/** Where a graded test file gets its tenants: a vendor it started in-process, or a remote one. */
export interface VendorConnection {
  /** The base URL the code under test calls. */
  readonly url: string;
  createTenant(input: CreateTenantInput): Promise<TenantHandle>;
  /** Removes a tenant once its check is over, so a shared vendor is left as it was found. */
  deleteTenant(handle: TenantHandle): Promise<void>;
  close(): Promise<void>;
}

export function labEnv(url: string, clientId: string, clientSecret: string): LabEnv {
  return { VENDOR_BASE_URL: url, VENDOR_CLIENT_ID: clientId, VENDOR_CLIENT_SECRET: clientSecret };
}
