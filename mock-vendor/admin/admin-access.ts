import type { RequestHandler } from 'express';
import { ProblemError } from '../http/problem.ts';
import { constantTimeEquals } from '../tenants/fingerprint.ts';
import type { Vendor } from '../vendor.ts';
import type { AdminKeys, KeyHolder } from './admin-keys.ts';

/**
 * Who may call which admin route. The whole policy is here, decided from the caller and the
 * request's method and path before any route runs: routes never check access themselves, and a route
 * added later is vendor-wide (admin token only) unless its path puts it under one tenant.
 *
 * - the admin token: everything;
 * - a tenant key: its own tenant, under /__admin/tenants/{id} (not deleting it);
 * - a grading key: creating tenants, listing and administering (deleting too) the ones it created.
 * Every key may ask who it is (GET /__admin/me) and read the fault and scenario catalogues, which are the
 * same for every tenant and hold nothing of anyone's.
 */
export type AdminCaller = { kind: 'admin' } | KeyHolder;

/** What an admin request touches, read from its method and path (relative to /__admin). */
export type AdminTarget =
  | { kind: 'tenant-list' }
  | { kind: 'tenant-create' }
  | { kind: 'tenant'; tenantId: string; deletesIt: boolean }
  | { kind: 'open' }
  | { kind: 'vendor' };

const OPEN_READS = [/^\/me$/, /^\/faults$/, /^\/scenarios$/, /^\/scenarios\/[^/]+$/];

export function targetOf(method: string, rawPath: string): AdminTarget {
  const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  const segments = path.split('/').slice(1);
  const read = method === 'GET' || method === 'HEAD';
  if (segments[0]?.toLowerCase() === 'tenants') {
    if (segments.length === 1) return read ? { kind: 'tenant-list' } : method === 'POST' ? { kind: 'tenant-create' } : { kind: 'vendor' };
    // Decoded as Express decodes `:id`, so the id judged here is the id the route serves.
    return { kind: 'tenant', tenantId: decodeSegment(segments[1]!), deletesIt: segments.length === 2 && method === 'DELETE' };
  }
  if (read && OPEN_READS.some((pattern) => pattern.test(path))) return { kind: 'open' };
  return { kind: 'vendor' };
}

/** What the caller may do, in words: the start of every refusal. */
export function describeCaller(caller: AdminCaller): string {
  if (caller.kind === 'admin') return 'This is the admin token: it administers the whole vendor.';
  if (caller.kind === 'tenant') {
    return `This is the tenant key of ${caller.tenantId}: it administers that tenant only, under /__admin/tenants/${caller.tenantId}/ (journal, clock, tokens, rules, scenario, reset, data, key rotation).`;
  }
  return `This is grading key ${caller.graderId}: it creates tenants (POST /__admin/tenants), lists the ones it created (GET /__admin/tenants) and administers or deletes those only.`;
}

/** Why the caller may not make this request, or undefined when it may. */
export function refusalOf(caller: AdminCaller, target: AdminTarget, keys: Pick<AdminKeys, 'creatorOf'>, request: string): string | undefined {
  if (caller.kind === 'admin' || target.kind === 'open') return undefined;
  const vendorWide = `${request} is vendor-wide: only the admin token (VENDOR_ADMIN_TOKEN, held by whoever runs the vendor) may call it.`;
  if (caller.kind === 'tenant') {
    if (target.kind === 'tenant' && target.tenantId === caller.tenantId && !target.deletesIt) return undefined;
    const why =
      target.kind === 'tenant' && target.tenantId === caller.tenantId
        ? 'Deleting the tenant needs the admin token or the grading key that created it; to start afresh, POST /__admin/tenants/' + caller.tenantId + '/reset.'
        : target.kind === 'tenant'
          ? `${target.tenantId} is not this key's tenant: administer it with its own tenant key.`
          : target.kind === 'tenant-list' || target.kind === 'tenant-create'
            ? `${request} lists or creates tenants: that needs the admin token or a grading key. Read your own tenant with GET /__admin/tenants/${caller.tenantId}.`
            : vendorWide;
    return `${describeCaller(caller)} ${why}`;
  }
  if (target.kind === 'tenant-list' || target.kind === 'tenant-create') return undefined;
  if (target.kind === 'tenant' && keys.creatorOf(target.tenantId) === caller.graderId) return undefined;
  const why = target.kind === 'tenant' ? `${target.tenantId} was not created with this grading key: use a tenant it created (POST /__admin/tenants).` : vendorWide;
  return `${describeCaller(caller)} ${why}`;
}

/** True when the caller may administer the tenant (what GET /__admin/tenants shows it). */
export function administers(caller: AdminCaller, tenantId: string, keys: Pick<AdminKeys, 'creatorOf'>): boolean {
  return refusalOf(caller, { kind: 'tenant', tenantId, deletesIt: false }, keys, '') === undefined;
}

export function identifyAdminCaller(vendor: Pick<Vendor, 'adminToken' | 'adminKeys'>, authorization: string | undefined): AdminCaller | undefined {
  const header = authorization ?? '';
  const given = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
  if (given === '') return undefined;
  if (constantTimeEquals(given, vendor.adminToken)) return { kind: 'admin' };
  return vendor.adminKeys.holderOf(given);
}

/**
 * Guards `/__admin`: 401 when no known key is presented, 403 (saying what the key may do) when the
 * key does not reach this route. Tenant access tokens and client secrets never open it, so a
 * learner's client cannot switch its own chaos off. Leaves the caller in `res.locals.adminCaller`.
 */
export function requireAdminAccess(vendor: Vendor): RequestHandler {
  return function requireAdminAccessMiddleware(req, res, next) {
    const caller = identifyAdminCaller(vendor, req.headers.authorization);
    if (!caller) {
      throw new ProblemError({
        code: 'unauthorized',
        detail:
          'The admin API needs "Authorization: Bearer <key>": the admin token (VENDOR_ADMIN_TOKEN, printed by npm start), a tenant key (acme_tk_…, VENDOR_TENANT_KEY) or a grading key (acme_gk_…). Tenant access tokens are not accepted here.',
        headers: { 'WWW-Authenticate': 'Bearer realm="acme-crm-admin"' },
      });
    }
    const refusal = refusalOf(caller, targetOf(req.method, req.path), vendor.adminKeys, `${req.method} /__admin${req.path}`);
    if (refusal) throw new ProblemError({ code: 'forbidden', detail: refusal });
    res.locals.adminCaller = caller;
    next();
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by `requireAdminAccess` on every admin request it lets through. */
      adminCaller?: AdminCaller;
    }
  }
}
