import type { RequestHandler } from 'express';
import type { Clock } from '../clock.ts';
import { VENDOR_VERSION } from '../version.ts';
import { requestIdFor } from './request-id.ts';

/** First in the pipeline: the request id and the headers every response carries. */
export function exchangeStart(clock: Clock, defaultScenario: string): RequestHandler {
  return function exchangeStartMiddleware(req, res, next) {
    const requestId = requestIdFor(req.headers['x-request-id']);
    const url = req.originalUrl;
    const q = url.indexOf('?');
    res.locals.exchange = {
      requestId,
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
      atMs: clock.now(),
      startedAt: performance.now(),
      tenant: undefined,
      tokenCheck: undefined,
      fault: undefined,
      ruleId: undefined,
      bodyRewrite: undefined,
      errorCode: undefined,
      journal: {},
    };
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('X-Acme-Mock-Version', VENDOR_VERSION);
    res.setHeader('X-Acme-Scenario', defaultScenario);
    next();
  };
}
