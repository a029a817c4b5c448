import type { RequestHandler } from 'express';
import type { Vendor } from '../vendor.ts';
import { readClientCredentials } from './client-credentials.ts';

/**
 * Works out which tenant a request belongs to (from its bearer token, or from the client id at the
 * token endpoints) without judging it yet: faults, the journal and rate limits are per tenant,
 * and even a request with an expired token belongs in its tenant's journal.
 */
export function identifyCaller(vendor: Vendor): RequestHandler {
  return async function identifyCallerMiddleware(req, res, next) {
    const state = res.locals.exchange;
    const authorization = req.headers.authorization;
    if (authorization !== undefined && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
      const check = await vendor.tokens.check(authorization.slice(7).trim());
      state.tokenCheck = check;
      const record = check.ok ? check.record : check.record;
      if (record) state.tenant = vendor.tenantByClientId(record.clientId);
    } else if (req.path.startsWith('/oauth/')) {
      const presented = readClientCredentials(req);
      if (presented.ok) state.tenant = vendor.tenantByClientId(presented.client.clientId);
    }
    if (state.tenant) res.setHeader('X-Acme-Scenario', state.tenant.scenario.name);
    next();
  };
}
