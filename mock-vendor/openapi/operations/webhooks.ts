import { z } from 'zod';
import { MAX_WEBHOOKS_PER_TENANT } from '../../resources/webhooks-routes.ts';
import { pageOf } from '../../schemas/page.ts';
import { WebhookCreateSchema, WebhookCreatedSchema, WebhookEventSchema, WebhookSchema } from '../../schemas/webhook.ts';
import { WEBHOOK_TIMEOUT_MS } from '../../webhooks/dispatcher.ts';
import { eachVersion, type OperationSpec, type WebhookDeliverySpec } from '../operation.ts';
import { cursor, limit, webhookId } from './shared.ts';

const WebhookPage = pageOf(WebhookSchema, 'WebhookPage');

export const webhookOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
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
