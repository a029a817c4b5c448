import type { RequestHandler } from 'express';
import { requireJsonBody } from '../http/body-parsers.ts';
import { compose } from '../http/compose.ts';
import { onlyFor, pathUnder } from '../http/only-for.ts';
import { RouteTable } from '../http/route-table.ts';
import { enforceRateLimit } from '../rate-limit/enforce-rate-limit.ts';
import type { Vendor } from '../vendor.ts';
import { contactsRoutes } from './contacts-routes.ts';
import { dealsRoutes } from './deals-routes.ts';
import { importsRoutes } from './imports-routes.ts';
import { leadsRoutes } from './leads-routes.ts';
import { lifecycleHeaders } from './lifecycle.ts';
import type { ApiVersion } from './present-contact.ts';
import { webhooksRoutes } from './webhooks-routes.ts';

const VERSIONS: readonly ApiVersion[] = ['v1', 'v2'];

/**
 * Both versions of the REST API, `/v1/...` and `/v2/...`: lifecycle headers, the JSON-body rule
 * and the rate limit, then the route. Paths outside the API pass straight on.
 */
export function apiRouter(vendor: Vendor): RequestHandler {
  const table = new RouteTable();
  for (const version of VERSIONS) {
    const routes = table.under(`/${version}`);
    contactsRoutes(routes, vendor, version);
    leadsRoutes(routes, vendor, version);
    dealsRoutes(routes, vendor, version);
    importsRoutes(routes, vendor, version);
    webhooksRoutes(routes, vendor, version);
  }
  return onlyFor(pathUnder(...VERSIONS.map((version) => `/${version}`)), compose(lifecycleHeaders, requireJsonBody, enforceRateLimit(vendor), table.handle));
}
