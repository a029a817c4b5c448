import type { RequestHandler } from 'express';

/**
 * Runs `handler` only for requests that `applies` to, and skips it for the rest without entering
 * it. Express walks every layer of a router for every request; on the hot path (`GET /v1/...`)
 * a cheap predicate in front of the OAuth, docs and body-parsing layers is most of their cost saved.
 */
export function onlyFor(applies: (req: Parameters<RequestHandler>[0]) => boolean, handler: RequestHandler): RequestHandler & { inner: RequestHandler } {
  const gated = function onlyForMiddleware(req, res, next) {
    if (applies(req)) return handler(req, res, next);
    next();
  } as RequestHandler & { inner: RequestHandler };
  // Lets tools that walk the router stack (the OpenAPI coverage test) see what is behind the gate.
  gated.inner = handler;
  return gated;
}

/** The request's path is one of `prefixes` or below it: `pathUnder('/__admin')` takes `/__admin/clock`, not `/__administrator`. */
export function pathUnder(...prefixes: string[]): Parameters<typeof onlyFor>[0] {
  return (req) => {
    const path = req.path;
    return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  };
}

export const hasBody: Parameters<typeof onlyFor>[0] = (req) => req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
