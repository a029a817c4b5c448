import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { DeliveryReport, Lab08, LeadOutbox, OutboxEntry, SyncedContact } from '../../../labs/08-sync-vs-async/contract.ts';
import { RecordStore } from '../../../labs/platform/index.ts';
import type { WebhookEventType } from '../../../mock-vendor/schemas/webhook.ts';
import { signPayload } from '../../../mock-vendor/webhooks/signature.ts';
import type { DeliveryLogEntry } from '../../../mock-vendor/webhooks/delivery-log.ts';
import type { CheckContext } from '../../harness/graded-lab.ts';
import { settle } from './lab-01.ts';

export { describeError, settle } from './lab-01.ts';

type T = CheckContext<Lab08>;

/** Short client timeouts keep hanging requests cheap; the checks never need more. */
export const CHECK_ENV = { VENDOR_TIMEOUT_MS: '1000' };

export const POST_LEADS = { method: 'POST', path: '/v1/leads' };

/** The lead outbox under test, on the platform's outbox store (or a given one, for a "restarted" worker). */
export function outboxFor(t: T, outbox = t.platform.store<OutboxEntry>('lead-outbox')): { worker: LeadOutbox; outbox: RecordStore<OutboxEntry> } {
  const worker = t.lab.createLeadOutbox({ env: { ...t.env, ...CHECK_ENV }, logger: t.platform.logger, outbox });
  return { worker, outbox };
}

/** One `deliverPending()` pass, refused once it runs past 10 s (a request with no timeout). */
export async function workerPass(worker: LeadOutbox): Promise<DeliveryReport> {
  let timer: NodeJS.Timeout | undefined;
  const tooLong = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deliverPending() was still running after 10 s: one hanging request held up the whole pass. Give every request to Acme a timeout (VENDOR_TIMEOUT_MS)')), 10_000);
  });
  try {
    return await Promise.race([worker.deliverPending(), tooLong]);
  } finally {
    clearTimeout(timer);
  }
}

export function sampleLeads(count: number, tag: string) {
  return Array.from({ length: count }, (_, i) => ({ email: `${tag}-${i + 1}@example.com`, name: `Lead ${i + 1}`, source: 'lab-08' }));
}

/** How many leads Acme holds per email, for the given emails. */
export async function leadsAtAcme(t: T, emails: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map(emails.map((email) => [email, 0]));
  for (const lead of await t.acme.data('leads')) {
    const email = String(lead['email']);
    if (counts.has(email)) counts.set(email, counts.get(email)! + 1);
  }
  return counts;
}

/** Distinct Idempotency-Keys (and attempts without one) sent for each email's POST /v1/leads. */
export async function keysByEmail(t: T): Promise<Map<string, { keys: Set<string>; withoutKey: number; attempts: number }>> {
  const byEmail = new Map<string, { keys: Set<string>; withoutKey: number; attempts: number }>();
  for (const entry of (await t.acme.journal()).apiRequests(POST_LEADS)) {
    const email = (entry.requestBody as { email?: unknown } | null)?.email;
    if (typeof email !== 'string') continue;
    const seen = byEmail.get(email) ?? { keys: new Set<string>(), withoutKey: 0, attempts: 0 };
    seen.attempts++;
    if (entry.idempotencyKey === null) seen.withoutKey++;
    else seen.keys.add(entry.idempotencyKey);
    byEmail.set(email, seen);
  }
  return byEmail;
}

/**
 * Calls submitLead once and times it twice: in the code's own worker (`codeMs`, what the verdict
 * uses) and as the grader saw it (`wallMs`, the sandbox's boundary included). Gives up waiting
 * after `capMs`, resolving to "still waiting".
 */
export async function timedSubmit(t: T, worker: LeadOutbox, lead: Parameters<LeadOutbox['submitLead']>[0], capMs = 2_000) {
  const started = performance.now();
  const call = worker.submitLead(lead);
  const result = await settle(Promise.race([call, new Promise<'still waiting'>((resolve) => setTimeout(resolve, capMs, 'still waiting'))]));
  const wallMs = performance.now() - started;
  return { result, wallMs, codeMs: t.timeInCode(call) ?? wallMs };
}

/** The boundary's own cost per call, for the note: what the grader saw beyond what the code took. */
export function boundaryCost(timings: readonly { wallMs: number; codeMs: number }[]): string {
  const extra = timings.map((x) => x.wallMs - x.codeMs).sort((a, b) => a - b);
  return `the sandbox's boundary added p50 ${Math.round((extra[Math.floor((extra.length - 1) / 2)] ?? 0) * 100) / 100} ms per call, not counted`;
}

/** p50 and max of a list of milliseconds, rounded for feedback. */
export function latencyFigures(samples: readonly number[]): { p50: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { p50: round(sorted[Math.floor((sorted.length - 1) / 2)] ?? 0), max: round(sorted.at(-1) ?? 0) };
}

/** Rows for a bulk import: valid contacts, plus invalid ones at the given indexes. */
export function importRows(count: number, tag: string, invalidAt: readonly number[] = []) {
  return Array.from({ length: count }, (_, i) =>
    invalidAt.includes(i)
      ? { first_name: 'Broken', last_name: `Row ${i}`, email: `not-an-email-${i}` }
      : { first_name: 'Imported', last_name: `Contact ${i + 1}`, email: `${tag}-${i + 1}@example.com`, opt_in: 'Y' as const },
  );
}

/** Calls to Acme made by the check itself (as the vendor's other users would), with a token of its own. */
export function acmeAs(t: T) {
  let token: string | undefined;
  async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    if (!token) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'contacts:read contacts:write webhooks:manage' });
      const auth = Buffer.from(`${t.env.VENDOR_CLIENT_ID}:${t.env.VENDOR_CLIENT_SECRET}`).toString('base64');
      const issued = await fetch(`${t.env.VENDOR_BASE_URL}/oauth/token`, { method: 'POST', body: form, headers: { Authorization: `Basic ${auth}` } });
      token = ((await issued.json()) as { access_token: string }).access_token;
    }
    const response = await fetch(`${t.env.VENDOR_BASE_URL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`The check's own ${method} ${path} got ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  }
  return {
    createContact: (fields: Record<string, unknown>) => call('POST', '/v1/contacts', fields),
    updateContact: (id: string, fields: Record<string, unknown>) => call('PATCH', `/v1/contacts/${id}`, fields),
    /** Subscribes `url` to `events` through Acme's API; resolves to the subscription's secret. */
    subscribe: async (url: string, events: WebhookEventType[]) => String((await call('POST', '/v1/webhooks', { url, events }))['secret']),
  };
}

export interface RunningReceiver {
  url: string;
  secret: string;
  contacts: RecordStore<SyncedContact>;
  /** Sends one delivery the way Acme would (or an attacker), and returns the receiver's status. */
  post(body: string, headers: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/**
 * An address in the grader's process that passes every request on, byte for byte, to a receiver
 * started later: Acme chooses a subscription's secret, and the receiver needs it to be built.
 */
async function relay(): Promise<{ url: string; forwardTo(base: string): void; close(): Promise<void> }> {
  let target: string | undefined;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      if (!target) throw new Error('no receiver yet');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(name)) headers[name] = value;
      }
      const answer = await fetch(`${target}${req.url ?? ''}`, { method: req.method ?? 'POST', headers, body: Buffer.concat(chunks), signal: AbortSignal.timeout(10_000) });
      const body = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo: (base) => (target = base),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The learner's receiver on 127.0.0.1:0, with fresh stores and Acme's clock as `now`; subscribed
 * through Acme's API to `events` when given (with the secret Acme chose), else with a fresh secret.
 */
export async function startReceiver(t: T, events?: WebhookEventType[]): Promise<RunningReceiver> {
  const relayed = events ? await relay() : undefined;
  const secret = relayed ? await acmeAs(t).subscribe(`${relayed.url}/webhooks/acme`, events!) : `whsec_${randomBytes(24).toString('base64url')}`;
  const contacts = new RecordStore<SyncedContact>();
  const app = t.lab.createWebhookReceiver({
    secret,
    contacts,
    processedEvents: new RecordStore(),
    now: () => t.acme.now(),
    logger: t.platform.logger,
  });
  const served = await t.serve(app);
  relayed?.forwardTo(served);
  const url = `${served}/webhooks/acme`;
  return {
    url,
    secret,
    contacts,
    async post(body, headers) {
      const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
      await response.arrayBuffer();
      return response.status;
    },
    // The check's sandbox closes the server when the check ends; the relay is the grader's.
    close: async () => {
      await relayed?.close();
    },
  };
}

/** Runs a check body against a started receiver and always stops it. */
export async function withReceiver(t: T, body: (receiver: RunningReceiver) => Promise<void>, subscribeTo?: WebhookEventType[]): Promise<void> {
  const receiver = await startReceiver(t, subscribeTo);
  try {
    await body(receiver);
  } finally {
    await receiver.close();
  }
}

/** Acme's clock, in whole seconds, as `Acme-Signature` timestamps are. */
export function acmeSeconds(t: T): number {
  return Math.floor(t.acme.now() / 1000);
}

/** A `contact.*` event as Acme would send it, for one of the tenant's contacts with some fields changed. */
export function contactEvent(t: T, type: 'contact.created' | 'contact.updated', contact: Record<string, unknown>): string {
  return JSON.stringify({ id: `evt_${randomBytes(12).toString('hex')}`, type, created_at: new Date(t.acme.now()).toISOString(), data: contact });
}

export function signatureHeaders(body: string, secret: string, timestampSeconds: number): Record<string, string> {
  return { 'Acme-Signature': signPayload(body, secret, timestampSeconds), 'Acme-Event-Id': (JSON.parse(body) as { id: string }).id };
}

/** Waits (bounded, real time) until Acme's delivery log for this tenant satisfies `done`. */
export async function deliveriesWhen(t: T, done: (log: DeliveryLogEntry[]) => boolean, withinMs = 5_000): Promise<DeliveryLogEntry[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const log = await t.acme.webhookDeliveries();
    if (done(log) || Date.now() > deadline) return log;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function describeDeliveries(log: readonly DeliveryLogEntry[]): string {
  return log.map((d) => `${d.type} ${d.eventId.slice(0, 12)}… → ${d.status ?? d.error}`).join('; ');
}
