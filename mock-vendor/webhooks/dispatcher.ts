import { randomBytes } from 'node:crypto';
import type { WebhookFault } from '../faults/fault.ts';
import type { ApiVersion } from '../resources/present-contact.ts';
import type { WebhookRecord } from '../resources/records.ts';
import type { WebhookEventType } from '../schemas/webhook.ts';
import type { Tenant } from '../tenants/tenant.ts';
import { VENDOR_VERSION } from '../version.ts';
import { DeliveryLog, type DeliveryLogEntry, type DeliveryLogFilter } from './delivery-log.ts';
import { postJson } from './post-json.ts';
import { signPayload } from './signature.ts';

export const WEBHOOK_TIMEOUT_MS = 5_000;
const PUMP_INTERVAL_MS = 50;

export interface WebhookDispatcherOptions {
  log?: (message: string) => void;
  /** How long a receiver has to answer, in real milliseconds. Default 5 s. */
  timeoutMs?: number;
  /** Delivery-log entries kept per tenant. */
  logCapacity?: number;
}

interface Delivery {
  tenant: Tenant;
  subscription: WebhookRecord;
  eventId: string;
  type: WebhookEventType;
  body: string;
  attempt: number;
  copy: number;
  fault: string | null;
  dueAt: number;
}

interface Task {
  tenant: Tenant;
  dueAt: number;
  run(): void;
}

/**
 * Sends webhook events: signed, retried on the tenant's `webhookRetrySeconds` schedule in the
 * tenant's clock time, and shaped by webhook faults (duplicates, held-back deliveries). Work waits
 * in a queue with `dueAt` on its tenant's clock; it is pumped on a short, unref'd real interval
 * while anything waits, and whenever a tenant's clock is advanced (that tenant's work; a vendor-wide
 * advance moves every tenant's clock), so tests and graded runs jump ahead instead of sleeping.
 * It also runs other timed work the vendor has (`schedule`), such as finishing import jobs.
 */
export class WebhookDispatcher {
  readonly #log: (message: string) => void;
  readonly #timeoutMs: number;
  readonly #logCapacity: number | undefined;
  #queue: Delivery[] = [];
  #tasks: Task[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #logs = new Map<string, DeliveryLog>();
  readonly #abort = new AbortController();
  /** Unsubscribes from the clocks of tenants with work here, by tenant id. */
  readonly #following = new Map<string, () => void>();
  #interval: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<(tenantId: string, entry: DeliveryLogEntry) => void>();
  #seq = 0;
  #stopped = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#log = options.log ?? (() => {});
    this.#timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    this.#logCapacity = options.logCapacity;
  }

  /**
   * Sends `type` to every subscription of the tenant that wants it. `data` gives the resource in a
   * version's shape (subscriptions get the shapes of the version they were created under).
   * Returns the event id, or undefined when nobody subscribed.
   */
  emit(tenant: Tenant, type: WebhookEventType, data: (version: ApiVersion) => unknown, createdAt = tenant.clock.now()): string | undefined {
    if (this.#stopped) return undefined;
    const subscriptions = tenant.data.webhooks.all().filter((s) => s.events.includes(type));
    if (subscriptions.length === 0) return undefined;
    const eventId = `evt_${randomBytes(12).toString('hex')}`;
    const bodies = new Map<ApiVersion, string>();
    const bodyFor = (version: ApiVersion) => {
      let body = bodies.get(version);
      if (body === undefined) {
        body = JSON.stringify({ id: eventId, type, created_at: new Date(createdAt).toISOString(), data: data(version) });
        bodies.set(version, body);
      }
      return body;
    };
    const now = tenant.clock.now();
    for (const subscription of subscriptions) {
      const { extraCopies, holdMs, fault } = this.#plan(tenant, type);
      for (let copy = 0; copy <= extraCopies; copy++) {
        this.#queue.push({ tenant, subscription, eventId, type, body: bodyFor(subscription.version), attempt: 1, copy, fault, dueAt: now + holdMs });
      }
    }
    this.#follow(tenant);
    this.pump(tenant.id);
    return eventId;
  }

  /** Runs `run` once the tenant's time reaches `dueAt` (or at once if it already has). */
  schedule(tenant: Tenant, dueAt: number, run: () => void): void {
    if (this.#stopped) return;
    this.#tasks.push({ tenant, dueAt, run });
    this.#follow(tenant);
    this.pump(tenant.id);
  }

  /**
   * Starts everything that is due by its tenant's clock (only `tenantId`'s work when given). Safe
   * to call at any time; the interval and clock advances call it.
   */
  pump(tenantId?: string): void {
    if (this.#stopped) return;
    const isDue = (work: Task | Delivery) => (tenantId === undefined || work.tenant.id === tenantId) && work.dueAt <= work.tenant.clock.now();
    const [dueTasks, waitingTasks] = splitDue(this.#tasks, isDue);
    this.#tasks = waitingTasks;
    for (const task of dueTasks) {
      try {
        task.run();
      } catch (error) {
        this.#log(`[acme-crm] scheduled task for tenant ${task.tenant.id} failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    }
    const [dueDeliveries, waitingDeliveries] = splitDue(this.#queue, isDue);
    this.#queue = waitingDeliveries;
    for (const delivery of dueDeliveries) this.#track(this.#send(delivery));
    this.#keepPumping();
  }

  /** Delivery attempts for one tenant, oldest first. This is what the admin API exposes. */
  deliveries(tenantId: string, filter?: DeliveryLogFilter): DeliveryLogEntry[] {
    return this.#logs.get(tenantId)?.find(filter) ?? [];
  }

  /** Calls `listener` after every delivery attempt (for live views); returns the unsubscribe. */
  onDelivery(listener: (tenantId: string, entry: DeliveryLogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Deliveries waiting for their time (retries, held events) and deliveries on the wire. */
  pending(tenantId?: string): { queued: number; inFlight: number; scheduledTasks: number } {
    const mine = (work: Task | Delivery) => tenantId === undefined || work.tenant.id === tenantId;
    return { queued: this.#queue.filter(mine).length, inFlight: this.#inFlight.size, scheduledTasks: this.#tasks.filter(mine).length };
  }

  /** Drops a tenant's queued work and delivery log (tenant reset or deleted). */
  forgetTenant(tenantId: string): void {
    this.#queue = this.#queue.filter((d) => d.tenant.id !== tenantId);
    this.#tasks = this.#tasks.filter((t) => t.tenant.id !== tenantId);
    this.#logs.delete(tenantId);
    this.#following.get(tenantId)?.();
    this.#following.delete(tenantId);
    this.#keepPumping();
  }

  /** Entry counts, so tests can check that deleting tenants gives the memory back. */
  sizes(): { queuedDeliveries: number; scheduledTasks: number; deliveryLogs: number; followedClocks: number } {
    return { queuedDeliveries: this.#queue.length, scheduledTasks: this.#tasks.length, deliveryLogs: this.#logs.size, followedClocks: this.#following.size };
  }

  /** Resolves once no delivery is on the wire (queued ones may still wait for their time). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops the interval and the clock listeners and aborts deliveries on the wire. Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const stopFollowing of this.#following.values()) stopFollowing();
    this.#following.clear();
    clearInterval(this.#interval);
    this.#interval = undefined;
    this.#queue = [];
    this.#tasks = [];
    this.#abort.abort();
  }

  #plan(tenant: Tenant, type: WebhookEventType): { extraCopies: number; holdMs: number; fault: string | null } {
    const decision = tenant.runner.rules.length > 0 ? tenant.runner.decide({ channel: 'webhook', event: type }) : undefined;
    if (!decision || decision.fault.channel !== 'webhook') return { extraCopies: 0, holdMs: 0, fault: null };
    const fault = decision.fault as WebhookFault;
    const plan = fault.plan({ clock: tenant.clock, prng: tenant.runner.prng, eventType: type, options: decision.options });
    const extraCopies = Math.max(0, Math.min(10, Math.floor(plan.extraCopies ?? 0)));
    const holdMs = Math.max(0, plan.holdMs ?? 0);
    return { extraCopies, holdMs, fault: fault.name };
  }

  async #send(delivery: Delivery): Promise<void> {
    const { tenant, subscription } = delivery;
    const startedAtMs = tenant.clock.now();
    const started = performance.now();
    const base = { eventId: delivery.eventId, type: delivery.type, subscriptionId: subscription.id, url: subscription.url, attempt: delivery.attempt, copy: delivery.copy, fault: delivery.fault };
    if (tenant.data.webhooks.get(subscription.id) !== subscription) {
      this.#record(tenant.id, { ...base, status: null, error: 'the subscription was deleted', outcome: 'cancelled', nextAttemptAt: null }, startedAtMs, started);
      return;
    }
    const timestamp = Math.floor(startedAtMs / 1000);
    const result = await postJson(
      subscription.url,
      delivery.body,
      {
        'User-Agent': `AcmeCRM-Webhooks (${VENDOR_VERSION})`,
        'Acme-Signature': signPayload(delivery.body, subscription.secret, timestamp),
        'Acme-Event-Id': delivery.eventId,
        'Acme-Delivery-Attempt': String(delivery.attempt),
      },
      this.#timeoutMs,
      this.#abort.signal,
    );
    if (this.#stopped) return;
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const error = ok ? null : (result.error ?? `the receiver answered ${result.status}`);
    if (ok) {
      this.#record(tenant.id, { ...base, status: result.status, error, outcome: 'delivered', nextAttemptAt: null }, startedAtMs, started);
      return;
    }
    const schedule = tenant.scenario.settings.webhookRetrySeconds;
    const delaySeconds = schedule[delivery.attempt - 1];
    if (delaySeconds === undefined) {
      this.#record(tenant.id, { ...base, status: result.status, error, outcome: 'gave-up', nextAttemptAt: null }, startedAtMs, started);
      return;
    }
    const dueAt = tenant.clock.now() + delaySeconds * 1000;
    this.#record(tenant.id, { ...base, status: result.status, error, outcome: 'retry-scheduled', nextAttemptAt: new Date(dueAt).toISOString() }, startedAtMs, started);
    this.#queue.push({ ...delivery, attempt: delivery.attempt + 1, dueAt });
    this.#follow(tenant);
    this.pump(tenant.id);
  }

  #record(tenantId: string, fields: Omit<DeliveryLogEntry, 'seq' | 'at' | 'atMs' | 'durationMs'>, atMs: number, started: number): void {
    let log = this.#logs.get(tenantId);
    if (!log) this.#logs.set(tenantId, (log = new DeliveryLog(this.#logCapacity)));
    const entry: DeliveryLogEntry = {
      seq: ++this.#seq,
      ...fields,
      at: new Date(atMs).toISOString(),
      atMs,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    log.record(entry);
    for (const listener of this.#listeners) listener(tenantId, entry);
  }

  /** Pumps a tenant's work whenever its clock jumps (its own advance or the vendor's), until the tenant is forgotten. */
  #follow(tenant: Tenant): void {
    if (!this.#following.has(tenant.id)) this.#following.set(tenant.id, tenant.clock.onAdvance(() => this.pump(tenant.id)));
  }

  #track(promise: Promise<void>): void {
    const tracked = promise.catch((error: unknown) => this.#log(`[acme-crm] webhook delivery failed unexpectedly: ${error instanceof Error ? error.stack : String(error)}`));
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
  }

  #keepPumping(): void {
    const waiting = this.#queue.length > 0 || this.#tasks.length > 0;
    if (waiting && this.#interval === undefined && !this.#stopped) {
      this.#interval = setInterval(() => this.pump(), PUMP_INTERVAL_MS);
      this.#interval.unref();
    } else if (!waiting && this.#interval !== undefined) {
      clearInterval(this.#interval);
      this.#interval = undefined;
    }
  }
}

/** Work whose time has come, oldest due first, and the rest in their order. */
function splitDue<T extends { dueAt: number }>(work: T[], isDue: (item: T) => boolean): [due: T[], waiting: T[]] {
  const due: T[] = [];
  const waiting: T[] = [];
  for (const item of work) (isDue(item) ? due : waiting).push(item);
  return [due.sort((a, b) => a.dueAt - b.dueAt), waiting];
}
