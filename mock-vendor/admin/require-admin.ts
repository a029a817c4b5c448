import type { RequestHandler } from 'express';
import { ProblemError } from '../http/problem.ts';
import { constantTimeEquals } from '../tenants/fingerprint.ts';

/**
 * Only the admin token opens `/__admin`; tenant credentials never do, so a learner's client cannot
 * switch its own chaos off. Compared in constant time.
 */
export function requireAdmin(adminToken: string): RequestHandler {
  return function requireAdminMiddleware(req, _res, next) {
    const header = req.headers.authorization ?? '';
    const given = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
    if (given === '' || !constantTimeEquals(given, adminToken)) {
      throw new ProblemError({
        code: 'unauthorized',
        detail: 'The admin API needs "Authorization: Bearer <admin token>" (VENDOR_ADMIN_TOKEN, printed by npm start). Tenant tokens are not accepted here.',
        headers: { 'WWW-Authenticate': 'Bearer realm="acme-crm-admin"' },
      });
    }
    next();
  };
}
