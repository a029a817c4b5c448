import type { RequestHandler } from 'express';
import { appendLink } from './pagination.ts';

/**
 * Deprecated resources and their dates. Fixed constants, so every response, test and lab sees the
 * same values. `deprecatedAt` is when the resource became deprecated (RFC 9745 allows the past);
 * `sunsetAt` is when it stops answering (RFC 8594).
 */
export const DEPRECATIONS = [
  {
    /** Matches the resource and everything below it: `/v1/deals`, `/v1/deals/dl_000001`. */
    path: /^\/v1\/deals(?=\/|$)/,
    successor: (path: string) => path.replace(/^\/v1\//, '/v2/'),
    deprecatedAt: Date.UTC(2025, 6, 1),
    sunsetAt: Date.UTC(2026, 11, 31, 23, 59, 59),
    docs: 'https://acme-crm.example/docs/deprecations/v1-deals',
  },
] as const;

/** RFC 9745 `Deprecation`: a structured-field date, `@` and epoch seconds. */
export const deprecationHeader = (ms: number) => `@${Math.floor(ms / 1000)}`;
/** RFC 8594 `Sunset`: an HTTP-date. */
export const sunsetHeader = (ms: number) => new Date(ms).toUTCString();

/**
 * On every response from a deprecated resource (errors included): `Deprecation`, `Sunset` and
 * `Link` to the successor and the deprecation notice. Pagination adds its `rel="next"` to the same `Link`.
 */
export const lifecycleHeaders: RequestHandler = function lifecycleHeadersMiddleware(req, res, next) {
  const path = req.path;
  const deprecated = DEPRECATIONS.find((d) => d.path.test(path));
  if (deprecated) {
    res.setHeader('Deprecation', deprecationHeader(deprecated.deprecatedAt));
    res.setHeader('Sunset', sunsetHeader(deprecated.sunsetAt));
    appendLink(res, `<${deprecated.successor(path)}>; rel="successor-version"`);
    appendLink(res, `<${deprecated.docs}>; rel="deprecation"; type="text/html"`);
  }
  next();
};
