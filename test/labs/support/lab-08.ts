import { randomBytes } from 'node:crypto';
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
export function leadsAtAcme(t: T, emails: readonly string[]): Map<string, number> {
  const counts = new Map(emails.map((email) => [email, 0]));
  for (const lead of t.tenant.data.leads.all()) if (counts.has(lead.email)) counts.set(lead.email, counts.get(lead.email)! + 1);
  return counts;
}

/** Distinct Idempotency-Keys (and attempts without one) sent for each email's POST /v1/leads. */
export function keysByEmail(t: T): Map<string, { keys: Set<string>; withoutKey: number; attempts: number }> {
  const byEmail = new Map<string, { keys: Set<string>; withoutKey: number; attempts: number }>();
  for (const entry of t.journal.apiRequests(POST_LEADS)) {
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
      const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'contacts:read contacts:write' });
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
  };
}

export interface RunningReceiver {
  url: string;
  secret: string;
  contacts: RecordStore<SyncedContact>;
  /** Sends one delivery the way Acme would (or an attacker), and returns the receiver's status. */
  post(body: string, headers: Record<string, string>): Promise<number>;
  /** Makes Acme deliver `events` to this receiver. */
  subscribe(events: WebhookEventType[]): void;
  close(): Promise<void>;
}

/** The learner's receiver on 127.0.0.1:0, with a fresh secret, fresh stores and Acme's clock as `now`. */
export async function startReceiver(t: T): Promise<RunningReceiver> {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const contacts = new RecordStore<SyncedContact>();
  const app = t.lab.createWebhookReceiver({
    secret,
    contacts,
    processedEvents: new RecordStore(),
    now: () => t.vendor.vendor.clock.now(),
    logger: t.platform.logger,
  });
  const url = `${await t.serve(app)}/webhooks/acme`;
  return {
    url,
    secret,
    contacts,
    async post(body, headers) {
      const response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
      await response.arrayBuffer();
      return response.status;
    },
    subscribe(events) {
      const webhooks = t.tenant.data.webhooks;
      webhooks.insert({ id: webhooks.nextId(), url, events, version: 'v1', secret, createdAt: t.vendor.vendor.clock.now() });
    },
    // The check's sandbox closes the server when the check ends.
    close: async () => {},
  };
}

/** Runs a check body against a started receiver and always stops it. */
export async function withReceiver(t: T, body: (receiver: RunningReceiver) => Promise<void>): Promise<void> {
  const receiver = await startReceiver(t);
  try {
    await body(receiver);
  } finally {
    await receiver.close();
  }
}

/** Acme's clock, in whole seconds, as `Acme-Signature` timestamps are. */
export function acmeSeconds(t: T): number {
  return Math.floor(t.vendor.vendor.clock.now() / 1000);
}

/** A `contact.*` event as Acme would send it, for one of the tenant's contacts with some fields changed. */
export function contactEvent(t: T, type: 'contact.created' | 'contact.updated', contact: Record<string, unknown>): string {
  return JSON.stringify({ id: `evt_${randomBytes(12).toString('hex')}`, type, created_at: new Date(t.vendor.vendor.clock.now()).toISOString(), data: contact });
}

export function signatureHeaders(body: string, secret: string, timestampSeconds: number): Record<string, string> {
  return { 'Acme-Signature': signPayload(body, secret, timestampSeconds), 'Acme-Event-Id': (JSON.parse(body) as { id: string }).id };
}

/** Waits (bounded, real time) until Acme's delivery log for this tenant satisfies `done`. */
export async function deliveriesWhen(t: T, done: (log: DeliveryLogEntry[]) => boolean, withinMs = 5_000): Promise<DeliveryLogEntry[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const log = t.vendor.vendor.webhooks.deliveries(t.tenant.id);
    if (done(log) || Date.now() > deadline) return log;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function describeDeliveries(log: readonly DeliveryLogEntry[]): string {
  return log.map((d) => `${d.type} ${d.eventId.slice(0, 12)}… → ${d.status ?? d.error}`).join('; ');
}
