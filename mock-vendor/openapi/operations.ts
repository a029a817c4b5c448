import { contactOperations } from './operations/contacts.ts';
import { dealOperations } from './operations/deals.ts';
import { importOperations } from './operations/imports.ts';
import { leadOperations } from './operations/leads.ts';
import { metaOperations } from './operations/meta.ts';
import { oauthOperations } from './operations/oauth.ts';
import { webhookOperations } from './operations/webhooks.ts';
import type { OperationSpec } from './operation.ts';

export { WEBHOOK_DELIVERY } from './operations/webhooks.ts';

/**
 * Every operation of the public API, declared once (one module per tag under `operations/`), in
 * the order the docs list them. The OpenAPI document, `/docs` and the coverage tests read this.
 */
export const OPERATIONS: readonly OperationSpec[] = [
  ...oauthOperations,
  ...contactOperations,
  ...leadOperations,
  ...dealOperations,
  ...importOperations,
  ...webhookOperations,
  ...metaOperations,
];
