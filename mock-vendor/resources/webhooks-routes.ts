import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { requireToken } from '../auth/require-token.ts';
import { ProblemError } from '../http/problem.ts';
import { sendJson } from '../http/send-json.ts';
import type { Routes } from '../http/route-table.ts';
import { WebhookCreateSchema } from '../schemas/webhook.ts';
import type { Vendor } from '../vendor.ts';
import { sendListPage } from './list-page.ts';
import type { ApiVersion } from './present-contact.ts';
import type { WebhookRecord } from './records.ts';
import { validateBody } from './validate-body.ts';

/** A tenant may hold this many subscriptions: enough for any lab, few enough to stay cheap. */
export const MAX_WEBHOOKS_PER_TENANT = 25;

/** The subscription as listed: never the secret. */
export function presentWebhook(webhook: WebhookRecord) {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    api_version: webhook.version,
    created_at: new Date(webhook.createdAt).toISOString(),
  };
}

/** Webhook subscriptions. Deliveries themselves are the dispatcher's (`webhooks/dispatcher.ts`). */
export function webhooksRoutes(routes: Routes, vendor: Vendor, version: ApiVersion): void {
  const tenant = (res: Response) => res.locals.exchange.tenant!;
  const notFound = (id: string) => new ProblemError({ code: 'not_found', detail: `There is no webhook subscription "${id}".` });

  routes.get('/webhooks', requireToken('webhooks:manage'), (req, res) => {
    const { webhooks, pageCache } = tenant(res).data;
    sendListPage(req, res, webhooks, pageCache, presentWebhook, 'webhooks');
  });

  routes.get('/webhooks/:id', requireToken('webhooks:manage'), (req, res) => {
    const id = String(req.params['id']);
    const webhook = tenant(res).data.webhooks.get(id);
    if (!webhook) throw notFound(id);
    sendJson(res, 200, presentWebhook(webhook));
  });

  routes.post('/webhooks', requireToken('webhooks:manage'), (req, res) => {
    const input = validateBody(WebhookCreateSchema, req.body);
    const { webhooks } = tenant(res).data;
    if (webhooks.size >= MAX_WEBHOOKS_PER_TENANT) {
      throw new ProblemError({ code: 'conflict', detail: `A tenant may have ${MAX_WEBHOOKS_PER_TENANT} webhook subscriptions; delete one first.` });
    }
    const webhook = webhooks.insert({
      id: webhooks.nextId(),
      url: input.url,
      events: [...new Set(input.events)],
      version,
      secret: `whsec_${randomBytes(24).toString('base64url')}`,
      createdAt: tenant(res).clock.now(),
    });
    res.setHeader('Location', `/${version}/webhooks/${webhook.id}`);
    sendJson(res, 201, { ...presentWebhook(webhook), secret: webhook.secret });
  });

  routes.delete('/webhooks/:id', requireToken('webhooks:manage'), (req, res) => {
    const id = String(req.params['id']);
    if (!tenant(res).data.webhooks.delete(id)) throw notFound(id);
    res.status(204).end();
  });

}
