import { Router } from 'express';
import { requireJsonBody } from '../http/body-parsers.ts';
import { compose } from '../http/compose.ts';
import { enforceRateLimit } from '../rate-limit/enforce-rate-limit.ts';
import type { Vendor } from '../vendor.ts';
import { contactsRoutes } from './contacts-routes.ts';
import { dealsRoutes } from './deals-routes.ts';
import { importsRoutes } from './imports-routes.ts';
import { leadsRoutes } from './leads-routes.ts';
import { lifecycleHeaders } from './lifecycle.ts';
import type { ApiVersion } from './present-contact.ts';
import { webhooksRoutes } from './webhooks-routes.ts';

/** One version of the REST API: `/v1` or `/v2`. */
export function apiRouter(vendor: Vendor, version: ApiVersion): Router {
  const router = Router();
  router.use(compose(lifecycleHeaders(`/${version}`), requireJsonBody, enforceRateLimit(vendor)));
  router.use(contactsRoutes(vendor, version));
  router.use(leadsRoutes(vendor, version));
  router.use(dealsRoutes(vendor, version));
  router.use(importsRoutes(vendor, version));
  router.use(webhooksRoutes(vendor, version));
  return router;
}
