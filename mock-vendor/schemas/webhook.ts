import { z } from 'zod';

export const WEBHOOK_EVENTS = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'lead.created',
  'deal.created',
  'deal.updated',
  'import.completed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a webhook URL is refused, or undefined if it is an http(s) URL on this machine's loopback. */
export function webhookUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL such as http://127.0.0.1:8080/hooks';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must use http or https, not "${url.protocol.replace(':', '')}"`;
  if (url.username || url.password) return 'must not contain credentials';
  if (!LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) {
    return `must point at this machine's loopback (127.0.0.1, localhost or [::1]); "${url.hostname}" is not allowed, because the mock vendor never sends traffic anywhere else`;
  }
  return undefined;
}

export const WebhookCreateSchema = z
  .object({
    url: z
      .string()
      .max(2_000)
      .superRefine((url, ctx) => {
        const problem = webhookUrlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe('Where events are POSTed. Only http(s) on 127.0.0.1, localhost or [::1] is accepted.'),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).describe('Event types to receive.'),
  })
  .strict()
  .meta({ id: 'WebhookCreate' });

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    api_version: z.enum(['v1', 'v2']).describe('Event `data` uses the shapes of the API version the subscription was created under.'),
    created_at: z.string().describe('ISO 8601'),
  })
  .meta({ id: 'Webhook' });

export const WebhookCreatedSchema = WebhookSchema.extend({
  secret: z
    .string()
    .describe('`whsec_…`: the HMAC-SHA256 key for `Acme-Signature`. Shown only in this response; store it now.'),
}).meta({ id: 'WebhookCreated' });

/**
 * The JSON body of every delivery. Headers: `Acme-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`,
 * `Acme-Event-Id` (the same as `id`; duplicates of one event share it) and `Acme-Delivery-Attempt` (1, 2, …).
 */
export const WebhookEventSchema = z
  .object({
    id: z.string().describe('`evt_…`; deliver-at-least-once, so deduplicate on this.'),
    type: z.enum(WEBHOOK_EVENTS),
    created_at: z.string().describe('ISO 8601, when the change happened (events may arrive out of order).'),
    data: z.record(z.string(), z.unknown()).describe('The resource after the change, in the subscription\'s API version; `{ id }` for deletions.'),
  })
  .meta({ id: 'WebhookEvent' });
