import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { TokenCheck } from './token-service.ts';
import type { Vendor } from '../vendor.ts';
import { authenticateClient } from './authenticate-client.ts';
import { readClientCredentials } from './client-credentials.ts';

/**
 * Works out which tenant a request belongs to (from its bearer token, or from the client id and
 * secret at the token endpoints): faults, the journal and rate limits are per tenant, and even a
 * request with an expired token belongs in its tenant's journal. At the token endpoints the secret
 * is judged first: a client id is no secret, and a refused caller must not write into the tenant's
 * journal, spend its rule counters or learn its scenario (it goes to the anonymous journal).
 */
export function identifyCaller(vendor: Vendor): RequestHandler {
  function identified(req: Request, res: Response, next: NextFunction, check: TokenCheck | undefined): void {
    const state = res.locals.exchange;
    if (check) {
      state.tokenCheck = check;
      if (check.record) state.tenant = vendor.tenantByClientId(check.record.clientId);
    } else if (req.path.startsWith('/oauth/')) {
      const presented = readClientCredentials(req);
      if (presented.ok) state.tenant = authenticateClient(vendor, presented.client);
    }
    // exchangeStart read the vendor clock before the tenant was known; its journal keeps the tenant's time.
    if (state.tenant) state.atMs += state.tenant.clock.tenantOffsetMs();
    // exchangeStart named the default scenario; a tenant on another one gets its own name.
    if (state.tenant && state.tenant.scenario.name !== vendor.defaultScenario) res.setHeader('X-Acme-Scenario', state.tenant.scenario.name);
    next();
  }

  return function identifyCallerMiddleware(req, res, next) {
    const authorization = req.headers.authorization;
    if (authorization === undefined || authorization.length <= 7 || authorization.slice(0, 7).toLowerCase() !== 'bearer ') return identified(req, res, next, undefined);
    const token = authorization.slice(7).trim();
    // A token seen before is judged synchronously; only a new one waits for its signature check.
    const known = vendor.tokens.checkVerified(token);
    if (known) return identified(req, res, next, known);
    return vendor.tokens.check(token).then((check) => identified(req, res, next, check));
  };
}
