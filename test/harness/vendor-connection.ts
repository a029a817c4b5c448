import type { RunningVendor } from '../../mock-vendor/server.ts';
import type { Tenant } from '../../mock-vendor/tenants/tenant.ts';
import type { CreateTenantInput } from '../../mock-vendor/vendor.ts';
import type { AcmeControl } from './acme-control.ts';
import type { JournalView } from './journal-view.ts';

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
  /** The vendor side of this tenant, in either mode. */
  acme: AcmeControl;
  /** In-process only: the vendor's own tenant object. Against a remote vendor, reading it throws. */
  tenant: Tenant;
  /** In-process only: a live view of the tenant's journal. Against a remote vendor, use `acme.journal()`. */
  journal: JournalView;
}

/** Where a graded test file gets its tenants: a vendor it started in-process, or a remote one. */
export interface VendorConnection {
  /** The base URL the code under test calls. */
  readonly url: string;
  /** In-process only: the running vendor. Against a remote vendor, reading it throws. */
  readonly running: RunningVendor;
  createTenant(input: CreateTenantInput): Promise<TenantHandle>;
  /** Removes a tenant once its check is over, so a shared vendor is left as it was found. */
  deleteTenant(handle: TenantHandle): Promise<void>;
  close(): Promise<void>;
}

export function labEnv(url: string, clientId: string, clientSecret: string): LabEnv {
  return { VENDOR_BASE_URL: url, VENDOR_CLIENT_ID: clientId, VENDOR_CLIENT_SECRET: clientSecret };
}
