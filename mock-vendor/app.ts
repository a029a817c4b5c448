import express, { Router, type Express } from 'express';
import { adminRoutes } from './admin/routes.ts';
import { identifyCaller } from './auth/identify-caller.ts';
import { oauthRoutes } from './auth/oauth-routes.ts';
import { consoleRoutes } from './console/console-routes.ts';
import { applyFaults } from './engine/apply-faults.ts';
import { parseForm, parseJson } from './http/body-parsers.ts';
import { errorHandler, notFound } from './http/error-handler.ts';
import { compose } from './http/compose.ts';
import { exchangeStart } from './http/exchange-start.ts';
import { hasBody, onlyFor, pathUnder } from './http/only-for.ts';
import { refuseMissingHost, refuseOversizedBody } from './http/refuse-from-head.ts';
import { recordExchange } from './journal/record-exchange.ts';
import { openapiRoutes } from './openapi/openapi-routes.ts';
import { apiRouter } from './resources/api-router.ts';
import { claimIdempotencyKey } from './resources/idempotency.ts';
import { Vendor, type VendorOptions } from './vendor.ts';

export interface VendorApp {
  app: Express;
  vendor: Vendor;
}

/**
 * Builds Acme CRM in-process. The order of the pipeline is the design:
 * request id → requests refused from their head (no Host, a body over the limit) → admin and console (never journaled, never faulted) → journal → bodies → who is calling →
 * idempotency key claimed (a retry must see the first attempt in flight) → faults → OAuth and the API →
 * problem+json for everything that goes wrong.
 *
 * The pipeline is one Express layer (`compose`) whose parts are entered only by the paths they
 * serve (`onlyFor`), and the API's routes are a `RouteTable`: every layer and mounted router
 * Express walks costs each request its share (docs/decisions/009 has the figures).
 */
export function createVendor(options: VendorOptions = {}): VendorApp {
  const vendor = new Vendor(options);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use(
    compose(
      exchangeStart(vendor.clock, vendor.defaultScenario),
      refuseMissingHost,
      refuseOversizedBody,
      onlyFor(pathUnder('/__admin'), Router().use('/__admin', adminRoutes(vendor))),
      onlyFor(pathUnder('/console'), consoleRoutes()),
      recordExchange(vendor.clock, vendor.anonymousJournal),
      onlyFor((req) => /^\/(openapi\.json|docs)\/?$/.test(req.path), openapiRoutes(vendor)),
      onlyFor(hasBody, parseJson),
      onlyFor(hasBody, parseForm),
      identifyCaller(vendor),
      onlyFor((req) => req.method === 'POST', claimIdempotencyKey(vendor)),
      applyFaults(vendor),
      onlyFor(pathUnder('/oauth', '/.well-known'), oauthRoutes(vendor)),
      apiRouter(vendor),
    ),
  );
  app.use(notFound);
  app.use(errorHandler(vendor.log));
  return { app, vendor };
}
