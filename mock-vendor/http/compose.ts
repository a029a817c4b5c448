import type { RequestHandler } from 'express';

/**
 * Runs middleware one after another as a single Express layer. Each Express layer costs a path
 * match and a trip through the router on every request; the vendor's per-request pipeline is one
 * layer instead of nine. Errors, thrown or rejected, go to Express's error handling as usual.
 */
export function compose(...handlers: RequestHandler[]): RequestHandler & { inner: RequestHandler[] } {
  const composed = function composedMiddleware(req, res, next) {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result = handler(req, res, step) as unknown;
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  } as RequestHandler & { inner: RequestHandler[] };
  composed.inner = handlers;
  return composed;
}
