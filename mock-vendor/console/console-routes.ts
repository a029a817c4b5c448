import { Router } from 'express';
import { notFound } from '../http/error-handler.ts';
import { CONSOLE_ASSETS, consoleAsset } from './console-assets.ts';
import { consolePage } from './console-page.ts';

/** No inline script or style, no third party: the page talks to this vendor's admin API only. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/**
 * `GET /console`: a live timeline of one tenant's requests, and of those Acme could not tie to any
 * tenant. The page is public (it holds nothing);
 * what it shows comes from `/__admin`, so it needs the admin token. Never faulted, never journaled.
 */
export function consoleRoutes(): Router {
  const router = Router();
  const files: Record<string, { type: string; body: string }> = { '/console': { type: 'text/html; charset=utf-8', body: consolePage() } };
  for (const name of CONSOLE_ASSETS) files[`/console/${name}`] = { type: TYPES[name.slice(name.lastIndexOf('.'))]!, body: consoleAsset(name) };
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
