import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { ReceiverDeps, SyncedContact } from '../../labs/08-sync-vs-async/contract.ts';

const TOLERANCE_SECONDS = 300;

const Event = z.object({
  id: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const Contact = z.looseObject({ id: z.string(), updated_at: z.iso.datetime() });

/** `t=<seconds>,v1=<hex>[,v1=<hex>]`: valid when a v1 is the HMAC of `t.rawBody` and t is recent. */
export function verifySignature(header: string | undefined, rawBody: Buffer, secret: string, nowSeconds: number): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  return parts
    .filter(([name, value]) => name === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? ''))
    .some(([, value]) => timingSafeEqual(Buffer.from(value!, 'hex'), expected));
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function createWebhookReceiver({ secret, contacts, processedEvents, now, logger }: ReceiverDeps): Express {
  const app = express();

  function applyContact(data: unknown): void {
    const contact = Contact.parse(data) as SyncedContact;
    const current = contacts.get(contact.id);
    if (current && Date.parse(current.updated_at) >= Date.parse(contact.updated_at)) return;
    contacts.upsert(contact.id, contact);
  }

  app.post('/webhooks/acme', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifySignature(req.get('Acme-Signature'), rawBody, secret, Math.floor(now() / 1000))) {
      logger?.warn({ eventId: req.get('Acme-Event-Id') }, 'webhook refused: bad or stale Acme-Signature');
      res.status(401).json({ error: 'invalid signature' });
      return;
    }
    const parsed = Event.safeParse(parseJson(rawBody));
    if (!parsed.success) {
      res.status(400).json({ error: 'not an Acme event' });
      return;
    }
    const event = parsed.data;
    if (processedEvents.get(event.id)) {
      res.status(200).json({ duplicate: true });
      return;
    }
    if (event.type === 'contact.created' || event.type === 'contact.updated') applyContact(event.data);
    processedEvents.upsert(event.id, { id: event.id, appliedAt: now() });
    res.status(204).end();
  });

  return app;
}
