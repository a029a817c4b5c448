import { Router } from 'express';
import { notFound } from '../http/error-handler.ts';
import { consoleAsset } from './console-assets.ts';
import { consolePage } from './console-page.ts';

/** No inline script or style, no third party: the page talks to this vendor's admin API only. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `GET /console`: a live timeline of one tenant's requests. The page is public (it holds nothing);
 * what it shows comes from `/__admin`, so it needs the admin token. Never faulted, never journaled.
 */
export function consoleRoutes(): Router {
  const router = Router();
  const files = {
    '/console': { type: 'text/html; charset=utf-8', body: consolePage() },
    '/console/console.js': { type: 'text/javascript; charset=utf-8', body: consoleAsset('console.js') },
    '/console/console.css': { type: 'text/css; charset=utf-8', body: consoleAsset('console.css') },
    '/console/favicon.svg': { type: 'image/svg+xml', body: consoleAsset('favicon.svg') },
  };
  for (const [path, { type, body }] of Object.entries(files)) {
    router.get(path, (_req, res) => {
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('Cache-Control', 'no-cache');
      res.status(200).type(type).send(body);
    });
  }
  // Anything else under /console is a 404 here, so the console never shows up in a journal.
  router.use(notFound);
  return router;
}
