import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { WebhookEventSchema } from '../../mock-vendor/schemas/webhook.ts';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  event: z.infer<typeof WebhookEventSchema>;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Statuses to answer with, one per delivery; 200 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

/** A tiny webhook endpoint on 127.0.0.1:0 that keeps what it was sent. */
export async function startReceiver(answers: number[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const receiver = { received, answers } as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, event: WebhookEventSchema.parse(JSON.parse(raw)) });
      res.statusCode = receiver.answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Polls `condition` every 10 ms for at most `ms`; fails with `what` if it never holds. */
export async function waitFor(condition: () => boolean, what: string, ms = 2_000): Promise<void> {
  const until = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > until) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
