import type { RequestHandler } from 'express';
import type { RequestFault } from '../faults/fault.ts';
import { sendProblem } from '../http/problem.ts';
import type { Vendor } from '../vendor.ts';

/**
 * Asks the tenant's rules whether this request meets a fault, and lets the fault act. Requests no
 * tenant could be identified for meet no fault: chaos is per tenant.
 */
export function applyFaults(vendor: Vendor): RequestHandler {
  // Not async: a request no rule picks (nearly all of them) goes on without a promise or a tick.
  return function applyFaultsMiddleware(req, res, next) {
    const state = res.locals.exchange;
    const tenant = state.tenant;
    if (!tenant || tenant.runner.rules.length === 0) return next();
    const decision = tenant.runner.decide({
      channel: 'request',
      method: req.method,
      path: req.path,
      headers: req.headers,
      body: () => (req.body === undefined ? '' : JSON.stringify(req.body)),
    });
    if (!decision) return next();
    const fault = decision.fault as RequestFault;
    state.fault = fault.name;
    state.ruleId = decision.ruleId;
    if (tenant.scenario.settings.announceFaults) res.setHeader('X-Acme-Fault', fault.name);
    const tokenId = state.tokenCheck?.ok ? state.tokenCheck.record.jti : undefined;
    const effect = fault.apply({
      req,
      res,
      options: decision.options,
      clock: tenant.clock,
      prng: tenant.runner.prng,
      tokenId,
      expireToken: (jti) => {
        vendor.tokens.expire(jti);
        state.tokenCheck = { ok: false, reason: 'expired', record: vendor.tokens.get(jti) };
      },
      revokeToken: (jti) => {
        vendor.tokens.revoke(jti);
        state.tokenCheck = { ok: false, reason: 'revoked', record: vendor.tokens.get(jti) };
      },
      exhaustRateLimit: () => tenant.bucket.drain(tenant.clock.now()),
      sendProblem: (problem) => {
        state.errorCode = problem.code;
        sendProblem(res, problem);
      },
    });
    return Promise.resolve(effect).then((effect) => {
      if (effect.kind === 'handled') return;
      if (effect.kind === 'rewrite-body') state.bodyRewrite = effect.rewrite;
      next();
    });
  };
}
