import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../resources/pagination.ts';
import { ContactCreateV1Schema, ContactCreateV2Schema, ContactUpdateV1Schema, ContactV1Schema, ContactV2Schema } from '../schemas/contact.ts';
import { DealCreateV1Schema, DealCreateV2Schema, DealUpdateV1Schema, DealUpdateV2Schema, DealV1Schema, DealV2Schema } from '../schemas/deal.ts';
import { ImportAcceptedSchema, ImportContactsV1Schema, ImportContactsV2Schema, JobSchema, MAX_IMPORT_ROWS } from '../schemas/job.ts';
import { LeadCreateSchema, LeadSchema } from '../schemas/lead.ts';
import { pageOf } from '../schemas/page.ts';
import { WebhookCreateSchema, WebhookCreatedSchema, WebhookEventSchema, WebhookSchema } from '../schemas/webhook.ts';
import { WEBHOOK_TIMEOUT_MS } from '../webhooks/dispatcher.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../resources/idempotency-store.ts';
import { DEPRECATIONS, sunsetHeader } from '../resources/lifecycle.ts';
import { MAX_WEBHOOKS_PER_TENANT } from '../resources/webhooks-routes.ts';
import { named } from './json-schemas.ts';
import {
  AuthorizationServerMetadataSchema,
  IntrospectionResponseSchema,
  TokenParameterRequestSchema,
  TokenRequestSchema,
  TokenResponseSchema,
} from './oauth-schemas.ts';
import { eachVersion, type OperationSpec, type ParameterSpec, type WebhookDeliverySpec } from './operation.ts';

// Parameters shared by many operations.
const limit: ParameterSpec = {
  name: 'limit',
  in: 'query',
  description: `Records per page, 1 to ${MAX_PAGE_SIZE}.`,
  schema: z.int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
};
const cursor: ParameterSpec = {
  name: 'cursor',
  in: 'query',
  description: 'The previous page\'s `next_cursor`, passed back unchanged. Leave out for the first page.',
  schema: z.string(),
};
const idParam = (what: string, example: string): ParameterSpec => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id.`,
  schema: z.string(),
  example,
});
const contactId = idParam('contact', 'ct_000001');
const leadId = idParam('lead', 'ld_000001');
const dealId = idParam('deal', 'dl_000001');
const jobId = idParam('job', 'jb_000001');
const webhookId = idParam('webhook subscription', 'wh_000001');
const idempotencyKey: ParameterSpec = {
  name: 'Idempotency-Key',
  in: 'header',
  description: `Makes the create safe to retry (1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters; a UUID is a good key). The same key with the same body replays the first answer with \`Idempotent-Replayed: true\`; with another body it is a 409. Kept for 24 hours.`,
  schema: z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH),
  example: '5f0c3a7e-8d2b-4c1e-9a6f-2b7d9e4c1a80',
};
const variant: ParameterSpec = {
  name: 'variant',
  in: 'query',
  description: 'Which edition of the documentation to serve. Default: the one the vendor\'s default scenario names (`complete`).',
  schema: z.string(),
};

// Schemas only the documentation needs a name for.
const ContactPageV1 = pageOf(ContactV1Schema, 'ContactPageV1');
const ContactPageV2 = pageOf(ContactV2Schema, 'ContactPageV2');
const ContactUpdateV2 = named(ContactCreateV2Schema.partial(), 'ContactUpdateV2');
const OpenApiDocumentSchema = named(z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) }), 'OpenApiDocument');

const LeadPage = pageOf(LeadSchema, 'LeadPage');
const DealPageV1 = pageOf(DealV1Schema, 'DealPageV1');
const DealPageV2 = pageOf(DealV2Schema, 'DealPageV2');
const WebhookPage = pageOf(WebhookSchema, 'WebhookPage');

const contacts = {
  v1: { item: ContactV1Schema, page: ContactPageV1, create: ContactCreateV1Schema, update: ContactUpdateV1Schema },
  v2: { item: ContactV2Schema, page: ContactPageV2, create: ContactCreateV2Schema, update: ContactUpdateV2 },
} as const;

const oauth: OperationSpec[] = [
  {
    operationId: 'getAuthorizationServerMetadata',
    method: 'get',
    path: '/.well-known/oauth-authorization-server',
    tag: 'OAuth',
    summary: 'Discover the OAuth endpoints (RFC 8414)',
    auth: { kind: 'none' },
    responses: [{ status: 200, description: 'The authorization server metadata.', schema: AuthorizationServerMetadataSchema }],
  },
  {
    operationId: 'requestToken',
    method: 'post',
    path: '/oauth/token',
    tag: 'OAuth',
    summary: 'Get an access token (client credentials)',
    description: 'RFC 6749 §4.4. Authenticate with HTTP Basic or with `client_id` and `client_secret` in the body. Cache the token until it expires.',
    auth: { kind: 'client' },
    requestBody: {
      schema: TokenRequestSchema,
      contentType: 'application/x-www-form-urlencoded',
      example: { grant_type: 'client_credentials', scope: 'contacts:read' },
    },
    responses: [
      {
        status: 200,
        description: 'A new access token. Not cacheable by intermediaries (`Cache-Control: no-store`).',
        schema: TokenResponseSchema,
        headers: ['Cache-Control'],
        example: { access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzY29wZSI6ImNvbnRhY3RzOnJlYWQifQ.c2lnbmF0dXJl', token_type: 'Bearer', expires_in: 3600, scope: 'contacts:read' },
      },
    ],
    errors: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'],
  },
  {
    operationId: 'revokeToken',
    method: 'post',
    path: '/oauth/revoke',
    tag: 'OAuth',
    summary: 'Revoke an access token (RFC 7009)',
    description: 'The answer is the same whether or not the token was known, live or yours (RFC 7009 §2.2). A revoked token is refused by the API from then on.',
    auth: { kind: 'client' },
    requestBody: { schema: TokenParameterRequestSchema, contentType: 'application/x-www-form-urlencoded' },
    responses: [{ status: 200, description: 'Revoked (or there was nothing to revoke). No body.' }],
    errors: ['invalid_request', 'invalid_client'],
  },
  {
    operationId: 'introspectToken',
    method: 'post',
    path: '/oauth/introspect',
    tag: 'OAuth',
    summary: 'Inspect an access token (RFC 7662)',
    description: 'A client may inspect only its own tokens; anyone else\'s are reported as `{ "active": false }`.',
    auth: { kind: 'client' },
    requestBody: { schema: TokenParameterRequestSchema, contentType: 'application/x-www-form-urlencoded' },
    responses: [
      {
        status: 200,
        description: 'Whether the token is active and, if it is, what it allows.',
        schema: IntrospectionResponseSchema,
        headers: ['Cache-Control'],
        example: { active: true, scope: 'contacts:read', client_id: 'acme_client_0123456789abcdef', token_type: 'Bearer', exp: 1767229200, iat: 1767225600 },
      },
    ],
    errors: ['invalid_request', 'invalid_client'],
  },
];

const contactOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
  {
    operationId: `listContacts${suffix}`,
    method: 'get',
    path: `/${version}/contacts`,
    version,
    tag: 'Contacts',
    summary: `List contacts (${version})`,
    description: 'Oldest first, one page at a time.',
    auth: { kind: 'bearer', scope: 'contacts:read' },
    parameters: [limit, cursor],
    responses: [{ status: 200, description: 'One page of contacts.', schema: contacts[version].page, headers: ['Link'] }],
    errors: ['invalid_query', 'invalid_cursor'],
  },
  {
    operationId: `getContact${suffix}`,
    method: 'get',
    path: `/${version}/contacts/{id}`,
    version,
    tag: 'Contacts',
    summary: `Get a contact (${version})`,
    auth: { kind: 'bearer', scope: 'contacts:read' },
    parameters: [contactId],
    responses: [{ status: 200, description: 'The contact.', schema: contacts[version].item }],
    errors: ['not_found'],
  },
  {
    operationId: `createContact${suffix}`,
    method: 'post',
    path: `/${version}/contacts`,
    version,
    tag: 'Contacts',
    summary: `Create a contact (${version})`,
    auth: { kind: 'bearer', scope: 'contacts:write' },
    requestBody: { schema: contacts[version].create, contentType: 'application/json' },
    responses: [{ status: 201, description: 'Created. `Location` names the new contact.', schema: contacts[version].item, headers: ['Location'] }],
    errors: ['validation_failed'],
  },
  {
    operationId: `updateContact${suffix}`,
    method: 'patch',
    path: `/${version}/contacts/{id}`,
    version,
    tag: 'Contacts',
    summary: `Update a contact (${version})`,
    description: 'Send only the fields to change.',
    auth: { kind: 'bearer', scope: 'contacts:write' },
    parameters: [contactId],
    requestBody: { schema: contacts[version].update, contentType: 'application/json' },
    responses: [{ status: 200, description: 'The contact after the change.', schema: contacts[version].item }],
    errors: ['not_found', 'validation_failed'],
  },
  {
    operationId: `deleteContact${suffix}`,
    method: 'delete',
    path: `/${version}/contacts/{id}`,
    version,
    tag: 'Contacts',
    summary: `Delete a contact (${version})`,
    auth: { kind: 'bearer', scope: 'contacts:write' },
    parameters: [contactId],
    responses: [{ status: 204, description: 'Deleted. No body.' }],
    errors: ['not_found'],
  },
]);

const leadOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
  {
    operationId: `listLeads${suffix}`,
    method: 'get',
    path: `/${version}/leads`,
    version,
    tag: 'Leads',
    summary: `List leads (${version})`,
    description: 'Leads have the same shape in v1 and v2.',
    auth: { kind: 'bearer', scope: 'leads:read' },
    parameters: [limit, cursor],
    responses: [{ status: 200, description: 'One page of leads.', schema: LeadPage, headers: ['Link'] }],
    errors: ['invalid_query', 'invalid_cursor'],
  },
  {
    operationId: `getLead${suffix}`,
    method: 'get',
    path: `/${version}/leads/{id}`,
    version,
    tag: 'Leads',
    summary: `Get a lead (${version})`,
    auth: { kind: 'bearer', scope: 'leads:read' },
    parameters: [leadId],
    responses: [{ status: 200, description: 'The lead.', schema: LeadSchema }],
    errors: ['not_found'],
  },
  {
    operationId: `createLead${suffix}`,
    method: 'post',
    path: `/${version}/leads`,
    version,
    tag: 'Leads',
    summary: `Create a lead (${version})`,
    description: 'Send an `Idempotency-Key` so a retry after a timeout or a 5xx never creates a second lead. Answers are remembered unless they are 5xx.',
    auth: { kind: 'bearer', scope: 'leads:write' },
    parameters: [idempotencyKey],
    requestBody: { schema: LeadCreateSchema, contentType: 'application/json', example: { email: 'lin@example.com', name: 'Lin Park', source: 'webform' } },
    responses: [
      {
        status: 201,
        description: 'Created, or the replay of an earlier answer to the same key and body (then with `Idempotent-Replayed: true`).',
        schema: LeadSchema,
        headers: ['Location', 'Idempotent-Replayed'],
      },
    ],
    errors: [{ code: 'invalid_idempotency_key', status: 400 }, 'idempotency_key_conflict', 'idempotency_request_in_progress', 'validation_failed'],
  },
]);

const v1DealsSunset = DEPRECATIONS.find((d) => d.path.test('/v1/deals'));
const dealOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => {
  const v1 = version === 'v1';
  const schemas = v1
    ? { item: DealV1Schema, page: DealPageV1, create: DealCreateV1Schema, update: DealUpdateV1Schema }
    : { item: DealV2Schema, page: DealPageV2, create: DealCreateV2Schema, update: DealUpdateV2Schema };
  const deprecated =
    v1 && v1DealsSunset
      ? { note: `Deprecated: \`/v1/deals\` stops answering after ${sunsetHeader(v1DealsSunset.sunsetAt)}. Move to \`/v2/deals\`, where \`amount\` is \`{ "value": "123.45", "currency": "EUR" }\` instead of integer minor units.` }
      : undefined;
  const common = { version, tag: 'Deals', ...(deprecated ? { deprecated } : {}) } as const;
  return [
    {
      ...common,
      operationId: `listDeals${suffix}`,
      method: 'get',
      path: `/${version}/deals`,
      summary: `List deals (${version})`,
      auth: { kind: 'bearer', scope: 'deals:read' },
      parameters: [limit, cursor],
      responses: [{ status: 200, description: 'One page of deals.', schema: schemas.page, headers: ['Link'] }],
      errors: ['invalid_query', 'invalid_cursor'],
    },
    {
      ...common,
      operationId: `getDeal${suffix}`,
      method: 'get',
      path: `/${version}/deals/{id}`,
      summary: `Get a deal (${version})`,
      auth: { kind: 'bearer', scope: 'deals:read' },
      parameters: [dealId],
      responses: [{ status: 200, description: 'The deal.', schema: schemas.item }],
      errors: ['not_found'],
    },
    {
      ...common,
      operationId: `createDeal${suffix}`,
      method: 'post',
      path: `/${version}/deals`,
      summary: `Create a deal (${version})`,
      auth: { kind: 'bearer', scope: 'deals:write' },
      requestBody: { schema: schemas.create, contentType: 'application/json' },
      responses: [{ status: 201, description: 'Created. `Location` names the new deal.', schema: schemas.item, headers: ['Location'] }],
      errors: ['validation_failed'],
    },
    {
      ...common,
      operationId: `updateDeal${suffix}`,
      method: 'patch',
      path: `/${version}/deals/{id}`,
      summary: `Update a deal (${version})`,
      description: v1 ? 'Send only the fields to change; `amount` and `currency` go together.' : 'Send only the fields to change.',
      auth: { kind: 'bearer', scope: 'deals:write' },
      parameters: [dealId],
      requestBody: { schema: schemas.update, contentType: 'application/json' },
      responses: [{ status: 200, description: 'The deal after the change.', schema: schemas.item }],
      errors: ['not_found', 'validation_failed'],
    },
  ];
});

const importOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
  {
    operationId: `importContacts${suffix}`,
    method: 'post',
    path: `/${version}/imports/contacts`,
    version,
    tag: 'Imports',
    summary: `Import contacts in bulk (${version})`,
    description: `Up to ${MAX_IMPORT_ROWS.toLocaleString('en')} contacts, in the ${version} create shape. The answer comes at once (\`202\`); the rows are created in the background. Poll the job at \`Location\`, waiting \`Retry-After\` seconds between polls, or subscribe to \`import.completed\`.`,
    auth: { kind: 'bearer', scope: 'imports:write' },
    requestBody: { schema: version === 'v1' ? ImportContactsV1Schema : ImportContactsV2Schema, contentType: 'application/json' },
    responses: [{ status: 202, description: 'Accepted: the job is queued.', schema: ImportAcceptedSchema, headers: ['Location', 'Retry-After'] }],
    errors: ['validation_failed'],
  },
  {
    operationId: `getJob${suffix}`,
    method: 'get',
    path: `/${version}/jobs/{id}`,
    version,
    tag: 'Imports',
    summary: `Get an import job (${version})`,
    description: 'While the job runs, the answer carries `Retry-After`; `completed_at` is set once it is done.',
    auth: { kind: 'bearer', scope: 'imports:write' },
    parameters: [jobId],
    responses: [{ status: 200, description: 'The job and its progress so far.', schema: JobSchema, headers: ['Retry-After'] }],
    errors: ['not_found'],
  },
]);

const webhookOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
  {
    operationId: `listWebhooks${suffix}`,
    method: 'get',
    path: `/${version}/webhooks`,
    version,
    tag: 'Webhooks',
    summary: `List webhook subscriptions (${version})`,
    auth: { kind: 'bearer', scope: 'webhooks:manage' },
    parameters: [limit, cursor],
    responses: [{ status: 200, description: 'One page of subscriptions (never their secrets).', schema: WebhookPage, headers: ['Link'] }],
    errors: ['invalid_query', 'invalid_cursor'],
  },
  {
    operationId: `getWebhook${suffix}`,
    method: 'get',
    path: `/${version}/webhooks/{id}`,
    version,
    tag: 'Webhooks',
    summary: `Get a webhook subscription (${version})`,
    auth: { kind: 'bearer', scope: 'webhooks:manage' },
    parameters: [webhookId],
    responses: [{ status: 200, description: 'The subscription (without its secret).', schema: WebhookSchema }],
    errors: ['not_found'],
  },
  {
    operationId: `createWebhook${suffix}`,
    method: 'post',
    path: `/${version}/webhooks`,
    version,
    tag: 'Webhooks',
    summary: `Subscribe to events (${version})`,
    description: `Events are delivered with the ${version} shapes. The answer is the only time the signing secret is shown. A client may hold ${MAX_WEBHOOKS_PER_TENANT} subscriptions.`,
    auth: { kind: 'bearer', scope: 'webhooks:manage' },
    requestBody: { schema: WebhookCreateSchema, contentType: 'application/json', example: { url: 'http://127.0.0.1:8080/hooks/acme', events: ['contact.created', 'import.completed'] } },
    responses: [{ status: 201, description: 'Subscribed. Store `secret` now: it verifies `Acme-Signature`.', schema: WebhookCreatedSchema, headers: ['Location'] }],
    errors: ['validation_failed', 'conflict'],
  },
  {
    operationId: `deleteWebhook${suffix}`,
    method: 'delete',
    path: `/${version}/webhooks/{id}`,
    version,
    tag: 'Webhooks',
    summary: `Unsubscribe (${version})`,
    description: 'Deliveries still waiting for a retry are cancelled.',
    auth: { kind: 'bearer', scope: 'webhooks:manage' },
    parameters: [webhookId],
    responses: [{ status: 204, description: 'Deleted. No body.' }],
    errors: ['not_found'],
  },
]);

const meta: OperationSpec[] = [
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'Meta',
    summary: 'This API description (OpenAPI 3.1)',
    auth: { kind: 'none' },
    parameters: [variant],
    responses: [{ status: 200, description: 'The OpenAPI 3.1 document.', schema: OpenApiDocumentSchema }],
    errors: ['invalid_query'],
  },
  {
    operationId: 'getDocs',
    method: 'get',
    path: '/docs',
    tag: 'Meta',
    summary: 'This documentation (HTML)',
    auth: { kind: 'none' },
    parameters: [variant],
    responses: [{ status: 200, description: 'A self-contained HTML page.', schema: z.string(), contentType: 'text/html' }],
    errors: ['invalid_query'],
  },
];

/** Every operation of the public API, in the order the docs list them within a tag. */
export const OPERATIONS: readonly OperationSpec[] = [
  ...oauth,
  ...contactOperations,
  ...leadOperations,
  ...dealOperations,
  ...importOperations,
  ...webhookOperations,
  ...meta,
];

/** What the vendor POSTs to a subscription's URL: OpenAPI 3.1 `webhooks`. */
export const WEBHOOK_DELIVERY: WebhookDeliverySpec = {
  name: 'event',
  operationId: 'receiveEvent',
  summary: 'An event, POSTed to your subscription URL',
  description:
    `Verify \`Acme-Signature\` on the raw body before parsing it: \`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>\`; refuse old timestamps. ` +
    `Answer any 2xx within ${WEBHOOK_TIMEOUT_MS / 1000} s to acknowledge; anything else is retried later. Delivery is at least once and not in order: deduplicate on \`id\` (\`Acme-Event-Id\`).`,
  schema: WebhookEventSchema,
  headers: [
    { name: 'Acme-Signature', in: 'header', required: true, description: '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`.', schema: z.string() },
    { name: 'Acme-Event-Id', in: 'header', required: true, description: 'The event id; copies of one event share it.', schema: z.string() },
    { name: 'Acme-Delivery-Attempt', in: 'header', required: true, description: '1 for the first attempt, then 2, 3, …', schema: z.string() },
  ],
};
