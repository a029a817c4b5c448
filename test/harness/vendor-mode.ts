import type { LabManifest } from '../../grader/lab-manifest.ts';
import { inProcessVendor } from './in-process-acme.ts';
import { remoteVendor } from './remote-acme.ts';
import type { VendorConnection } from './vendor-connection.ts';

/**
 * Which vendor a lab's checks meet. By default one started in-process per test file;
 * `LAB_VENDOR_URL` + `LAB_VENDOR_ADMIN_TOKEN` (set by `npm run grade -- --vendor URL`) select a
 * remote one, for labs whose manifest says their checks can (`remoteVendor`). Otherwise every
 * check reports why it cannot run.
 */
export function vendorMode(manifest: LabManifest, env: NodeJS.ProcessEnv = process.env): { connect: () => Promise<VendorConnection> } | { refusal: string } {
  const url = env['LAB_VENDOR_URL'];
  if (!url) return { connect: inProcessVendor };
  const number = manifest.id.slice(0, 2);
  if (!manifest.remoteVendor) {
    return { refusal: `Lab ${number}'s checks move Acme's data and clock in-process, so they cannot run against the vendor at ${url}. Grade it without --vendor: npm run grade -- ${number}` };
  }
  const adminToken = env['LAB_VENDOR_ADMIN_TOKEN'];
  if (!adminToken) {
    return { refusal: `LAB_VENDOR_URL is set (${url}) but LAB_VENDOR_ADMIN_TOKEN is not: the checks need that vendor's admin token. Set it, or unset LAB_VENDOR_URL to grade against an in-process vendor.` };
  }
  return { connect: async () => remoteVendor(url.replace(/\/+$/, ''), adminToken) };
}
