import { inProcessVendor } from './in-process-acme.ts';
import { remoteVendor } from './remote-acme.ts';
import type { VendorConnection } from './vendor-connection.ts';

/**
 * Which vendor a lab's checks meet. By default one started in-process per test file;
 * `LAB_VENDOR_URL` + `LAB_VENDOR_ADMIN_TOKEN` (set by `npm run grade -- --vendor URL`, an admin token
 * or a grading key) select a remote one. Checks reach Acme only through `t.acme`, so every lab runs
 * in both.
 */
export function vendorMode(env: NodeJS.ProcessEnv = process.env): { connect: () => Promise<VendorConnection> } | { refusal: string } {
  const url = env['LAB_VENDOR_URL'];
  if (!url) return { connect: inProcessVendor };
  const adminToken = env['LAB_VENDOR_ADMIN_TOKEN'];
  if (!adminToken) {
    return { refusal: `LAB_VENDOR_URL is set (${url}) but LAB_VENDOR_ADMIN_TOKEN is not: the checks need that vendor's admin token or a grading key. Set it, or unset LAB_VENDOR_URL to grade against an in-process vendor.` };
  }
  return { connect: async () => remoteVendor(url.replace(/\/+$/, ''), adminToken) };
}
