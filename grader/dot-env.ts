import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { REPO_ROOT } from './lab-manifest.ts';

/**
 * The `.env` that `npm start` and `npm run lab -- start NN` write, where lab code reads the vendor's
 * address. `LAB_DOT_ENV` points elsewhere (the CLI's own tests).
 */
export const DOT_ENV = process.env['LAB_DOT_ENV'] || join(REPO_ROOT, '.env');

export function readDotEnv(): NodeJS.Dict<string> {
  return existsSync(DOT_ENV) ? parseEnv(readFileSync(DOT_ENV, 'utf8')) : {};
}

/**
 * What answers at the vendor `.env` names: `ours` when that vendor knows `.env`'s tenant and its key
 * (the tenant key of a class vendor joined with `lab join`, else the admin token of the learner's
 * own `npm start`), `other` when something else answers, `down` when nothing does.
 */
export type VendorState = { state: 'ours'; url: string; tenantId: string; key: string } | { state: 'other'; url: string; status: number } | { state: 'down'; url: string };

export async function probeEnvVendor(env: NodeJS.Dict<string> = readDotEnv(), timeoutMs = 1_500): Promise<VendorState | undefined> {
  const url = env['VENDOR_BASE_URL']?.replace(/\/+$/, '');
  if (!url) return undefined;
  const tenantId = env['VENDOR_TENANT_ID'] ?? '';
  const key = env['VENDOR_TENANT_KEY'] || env['VENDOR_ADMIN_TOKEN'] || '';
  try {
    const response = await fetch(`${url}/__admin/tenants/${encodeURIComponent(tenantId)}`, {
      headers: { Authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok && tenantId && key ? { state: 'ours', url, tenantId, key } : { state: 'other', url, status: response.status };
  } catch {
    return { state: 'down', url };
  }
}

/** A line for `lab list` and `npm run grade` when `.env` points at a vendor that no longer answers. */
export function deadVendorNote(vendor: VendorState | undefined): string | undefined {
  if (vendor?.state !== 'down') return undefined;
  return `Note: .env points at ${vendor.url}, where no vendor answers any more. Your code reads .env when you run it by hand: start the vendor again with "npm start" or "npm run lab -- start NN". (Grading starts its own vendor and does not need it.)`;
}
