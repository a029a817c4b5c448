import { ProblemError } from '../http/problem.ts';
import { presentContact, type ApiVersion } from '../resources/present-contact.ts';
import { presentDeal } from '../resources/present-deal.ts';
import { presentLead } from '../resources/present-lead.ts';
import type { TenantData } from '../resources/tenant-data.ts';
import { presentWebhook } from '../resources/webhooks-routes.ts';

/** Each collection a tenant stores, as the API presents its records (in `version` where shapes differ). */
const PRESENTERS = {
  contacts: (data: TenantData, version: ApiVersion) => data.contacts.all().map((c) => presentContact(c, version)),
  leads: (data: TenantData) => data.leads.all().map(presentLead),
  deals: (data: TenantData, version: ApiVersion) => data.deals.all().map((d) => presentDeal(d, version)),
  jobs: (data: TenantData) => data.jobs.all().map((j) => j.present()),
  webhooks: (data: TenantData) => data.webhooks.all().map(presentWebhook),
} as const;

export type CollectionName = keyof typeof PRESENTERS;
export const COLLECTION_NAMES = Object.keys(PRESENTERS) as CollectionName[];

/**
 * A snapshot of one of a tenant's collections, every record as `GET /{version}/{collection}` would
 * show it: what a grader outside the vendor's process compares a client's results with.
 */
export function presentCollection(data: TenantData, name: string, version: ApiVersion): unknown[] {
  if (!Object.hasOwn(PRESENTERS, name)) {
    throw new ProblemError({ code: 'not_found', detail: `There is no collection "${name}". Collections: ${COLLECTION_NAMES.join(', ')}.` });
  }
  return PRESENTERS[name as CollectionName](data, version);
}
