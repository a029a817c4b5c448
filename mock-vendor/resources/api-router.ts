import { Router } from 'express';
import { requireJsonBody } from '../http/body-parsers.ts';
import { enforceRateLimit } from '../rate-limit/enforce-rate-limit.ts';
import type { Vendor } from '../vendor.ts';
import { contactsRoutes } from './contacts-routes.ts';
import type { ApiVersion } from './present-contact.ts';

/** One version of the REST API: `/v1` or `/v2`. */
export function apiRouter(vendor: Vendor, version: ApiVersion): Router {
  const router = Router();
  router.use(requireJsonBody, enforceRateLimit(vendor));
  router.use(contactsRoutes(vendor, version));
  return router;
}
