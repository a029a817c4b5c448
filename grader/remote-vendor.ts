import axios, { isAxiosError } from 'axios';
import { UsageError } from './grade.ts';
import { readDotEnv } from './dot-env.ts';

export interface RemoteVendor {
  url: string;
  adminToken: string;
}

/**
 * `--vendor URL [--admin-token TOKEN]`: a vendor running elsewhere (a classroom's, a container) to
 * grade against, checked before any lab runs. The token defaults to VENDOR_ADMIN_TOKEN from the
 * environment, then from the `.env` that `npm start` writes. Every problem is a UsageError saying
 * what to do.
 */
export async function remoteVendor(given: string, adminToken: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<RemoteVendor> {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    url = new URL('invalid:');
  }
  if (!['http:', 'https:'].includes(url.protocol)) {
    throw new UsageError(`--vendor "${given}" is not an http(s) URL. Give the vendor's base URL, e.g. --vendor http://127.0.0.1:4010`);
  }
  const base = url.href.replace(/\/+$/, '');
  const token = adminToken || env['VENDOR_ADMIN_TOKEN'] || readDotEnv()['VENDOR_ADMIN_TOKEN'];
  if (!token) {
    throw new UsageError(`Grading against ${base} needs its admin token: pass --admin-token TOKEN or set VENDOR_ADMIN_TOKEN (npm start writes it to .env; a classroom vendor's comes from whoever runs it).`);
  }
  try {
    const { data: me } = await axios.get<{ kind: string }>(`${base}/__admin/me`, { headers: { Authorization: `Bearer ${token}` }, timeout: 5_000 });
    if (me.kind === 'tenant') {
      throw new UsageError(`That is a learner's tenant key: it administers one tenant, and grading creates a tenant per check. Use a grading key (POST /__admin/grading-keys, made with the admin token; docs/classroom.md) or the admin token.`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const status = isAxiosError(error) ? error.response?.status : undefined;
    if (status === 401 || status === 403) {
      throw new UsageError(`The vendor at ${base} refused that key (${status}). Use a grading key it made, or the VENDOR_ADMIN_TOKEN it was started with: --admin-token KEY, or set VENDOR_ADMIN_TOKEN.`);
    }
    if (status !== undefined) {
      throw new UsageError(`${base} answered ${status} to GET /__admin/me: is it the Acme CRM mock vendor? Give the vendor's base URL, e.g. --vendor http://127.0.0.1:4010`);
    }
    const reason = isAxiosError(error) ? (error.code ?? error.message) : String(error);
    throw new UsageError(`No vendor answers at ${base} (${reason}). Start it (npm start, or docker compose up) or check the address, then grade again.`);
  }
  return { url: base, adminToken: token };
}
