import { randomBytes } from 'node:crypto';
import { AdminKeys } from './admin/admin-keys.ts';
import { checkAdminToken, generateAdminToken } from './admin/admin-token.ts';
import { TokenService } from './auth/token-service.ts';
import { createClock, type Clock } from './clock.ts';
import type { RuleInput } from './engine/rule.ts';
import { faults as builtInFaults } from './faults/index.ts';
import type { Fault } from './faults/fault.ts';
import { ProblemError } from './http/problem.ts';
import { JournalBudget } from './journal/journal-budget.ts';
import { DEFAULT_JOURNAL_CAPACITY, Journal } from './journal/journal.ts';
import { maxStreamsPerTenantFrom } from './journal/stream-cap.ts';
import { builtInScenarios } from './scenarios/index.ts';
import type { Scenario } from './scenarios/scenario.ts';
import { generateSecret } from './tenants/client-secrets.ts';
import { ALL_SCOPES, isScope, type Scope } from './tenants/scopes.ts';
import { Tenant } from './tenants/tenant.ts';
import { DEFAULT_LIMITS, LIMIT_ENV, type VendorLimits } from './vendor-limits.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';

export interface VendorOptions {
  /** Guards `/__admin`; at least 16 characters. Default: a random token (read it from `vendor.adminToken`). */
  adminToken?: string;
  /** The vendor clock; each tenant's clock is derived from it. */
  clock?: Clock;
  /** Scenario for tenants created without one. Default `calm`. */
  defaultScenario?: string;
  /** Extra scenarios (labs add theirs), by name; they may shadow built-in ones. */
  scenarios?: readonly Scenario[];
  faults?: ReadonlyMap<string, Fault>;
  journalCapacity?: number;
  /** HS256 key for access tokens. Default: random per vendor. */
  tokenSigningKey?: Uint8Array;
  log?: (message: string) => void;
  /** Tenants held at once. Default 1,000 (npm start: ACME_MAX_TENANTS). */
  maxTenants?: number;
  /** Contacts, deals and leads per tenant. Default 20,000 (npm start: ACME_MAX_RECORDS_PER_TENANT). */
  maxRecordsPerTenant?: number;
  /** Journal entries all tenants hold together (default 250,000; ACME_JOURNAL_BUDGET). */
  journalBudget?: number;
  /** Live journal streams per tenant (console tabs). Default: ACME_MAX_STREAMS_PER_TENANT, else 20. */
  maxStreamsPerTenant?: number;
}

export interface CreateTenantInput {
  name?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  scenario?: string;
  seed?: number;
  rules?: RuleInput[];
  /** In-process only (npm start keeps the key in .env across restarts); the admin API always issues a new one. */
  tenantKey?: string;
}

/**
 * The vendor's state and the operations the admin API offers on it: one facade, so routes stay
 * thin and tests can drive the vendor in-process the same way.
 */
export class Vendor {
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly faults: ReadonlyMap<string, Fault>;
  readonly scenarios: Map<string, Scenario>;
  readonly adminToken: string;
  readonly defaultScenario: string;
  readonly journalCapacity: number;
  /** Requests no tenant could be identified for (no or bad credentials). */
  readonly anonymousJournal: Journal;
  readonly log: (message: string) => void;
  /** Webhook deliveries and other vendor-timed work; `webhooks.deliveries(tenantId)` is the delivery log. */
  readonly webhooks: WebhookDispatcher;
  /** Tenant keys and grading keys (the scoped admin keys), and which grader created which tenant. */
  readonly adminKeys = new AdminKeys();
  readonly limits: VendorLimits;
  /** How many journal entries the tenants hold together, and how many they hold now. */
  readonly journalBudget: JournalBudget;
  readonly maxStreamsPerTenant: number;
  readonly #tenants = new Map<string, Tenant>();
  /** Aborted when the tenant is deleted, ending what still reads it (journal streams); weak, so nothing lingers. */
  readonly #deletions = new WeakMap<Tenant, AbortController>();
  readonly #byClientId = new Map<string, Tenant>();
  #tenantCounter = 0;

  constructor(options: VendorOptions = {}) {
    this.clock = options.clock ?? createClock();
    this.tokens = new TokenService((tenantId) => this.clockOf(tenantId), options.tokenSigningKey);
    this.faults = options.faults ?? builtInFaults;
    this.scenarios = new Map([...builtInScenarios, ...(options.scenarios ?? [])].map((s) => [s.name, s]));
    this.adminToken = options.adminToken === undefined ? generateAdminToken() : checkAdminToken(options.adminToken);
    this.defaultScenario = options.defaultScenario ?? 'calm';
    this.scenario(this.defaultScenario);
    this.journalCapacity = options.journalCapacity ?? DEFAULT_JOURNAL_CAPACITY;
    this.anonymousJournal = new Journal(this.journalCapacity);
    this.maxStreamsPerTenant = options.maxStreamsPerTenant ?? maxStreamsPerTenantFrom(process.env);
    this.log = options.log ?? ((message) => console.error(message));
    this.webhooks = new WebhookDispatcher({ log: this.log });
    this.limits = {
      maxTenants: options.maxTenants ?? DEFAULT_LIMITS.maxTenants,
      maxRecordsPerTenant: options.maxRecordsPerTenant ?? DEFAULT_LIMITS.maxRecordsPerTenant,
      journalBudget: options.journalBudget ?? DEFAULT_LIMITS.journalBudget,
    };
    this.journalBudget = new JournalBudget(this.limits.journalBudget);
  }

  /** Stops background work (webhook deliveries and their retry timer). The server calls it on close. */
  close(): void {
    this.webhooks.stop();
  }

  scenario(name: string): Scenario {
    const scenario = this.scenarios.get(name);
    if (!scenario) {
      throw new ProblemError({ code: 'unknown_scenario', detail: `There is no scenario "${name}". Known scenarios: ${[...this.scenarios.keys()].join(', ')}.` });
    }
    return scenario;
  }

  /** `createdBy`: the grading key that asked for it, which may then administer and delete it. */
  createTenant(input: CreateTenantInput = {}, { createdBy }: { createdBy?: string } = {}): { tenant: Tenant; clientSecret: string; tenantKey: string } {
    if (this.#tenants.size >= this.limits.maxTenants) {
      // 507, not 429: waiting does not help, deleting tenants does (and clients do not retry a 507 by default).
      throw new ProblemError({
        code: 'tenant_limit_reached',
        status: 507,
        detail: `This vendor already holds ${this.#tenants.size} tenants, its cap (${LIMIT_ENV.maxTenants}=${this.limits.maxTenants}). Delete tenants that are done (DELETE /__admin/tenants/:id), or start the vendor with a higher ${LIMIT_ENV.maxTenants}.`,
        extra: { limit: this.limits.maxTenants },
      });
    }
    const scenario = this.scenario(input.scenario ?? this.defaultScenario);
    const scopes = input.scopes ?? [...ALL_SCOPES];
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0) {
      throw new ProblemError({ code: 'bad_request', detail: `Unknown scope(s): ${unknown.join(', ')}. Known scopes: ${ALL_SCOPES.join(', ')}.` });
    }
    const number = ++this.#tenantCounter;
    const clientId = input.clientId ?? `acme_client_${randomBytes(8).toString('hex')}`;
    if (this.#byClientId.has(clientId)) throw new ProblemError({ code: 'conflict', detail: `A tenant with client id "${clientId}" already exists.` });
    const clientSecret = input.clientSecret ?? generateSecret();
    const tenant = new Tenant(
      {
        id: `ten_${String(number).padStart(4, '0')}_${randomBytes(3).toString('hex')}`,
        name: input.name ?? `tenant ${number}`,
        clientId,
        clientSecret,
        allowedScopes: scopes as Scope[],
        scenario,
        seed: input.seed ?? scenario.seed,
        journalCapacity: this.journalCapacity,
        journalBudget: this.journalBudget,
      },
      this.clock,
      this.faults,
    );
    if (input.rules?.length) tenant.setExtraRules(input.rules);
    this.#tenants.set(tenant.id, tenant);
    this.#byClientId.set(clientId, tenant);
    if (createdBy !== undefined) this.adminKeys.recordCreator(tenant.id, createdBy);
    return { tenant, clientSecret, tenantKey: this.adminKeys.issueTenantKey(tenant.id, input.tenantKey) };
  }

  /** Aborts when the tenant is deleted. */
  deletionSignal(tenant: Tenant): AbortSignal {
    let controller = this.#deletions.get(tenant);
    if (!controller) this.#deletions.set(tenant, (controller = new AbortController()));
    return controller.signal;
  }

  /** Entries kept per tenant across the vendor: all of them go when tenants are deleted (tests assert it). */
  perTenantStateSizes() {
    return {
      tenants: this.#tenants.size,
      clientIds: this.#byClientId.size,
      ...this.tokens.sizes(),
      ...this.webhooks.sizes(),
      ...this.adminKeys.sizes(),
    };
  }

  tenant(id: string): Tenant {
    const tenant = this.#tenants.get(id);
    if (!tenant) throw new ProblemError({ code: 'not_found', detail: `There is no tenant "${id}". List tenants with GET /__admin/tenants.` });
    return tenant;
  }

  /** The clock of a tenant; the vendor clock for one that is gone (its tokens are forgotten with it). */
  clockOf(tenantId: string): Clock {
    return this.#tenants.get(tenantId)?.clock ?? this.clock;
  }

  tenantByClientId(clientId: string): Tenant | undefined {
    return this.#byClientId.get(clientId);
  }

  tenants(): Tenant[] {
    return [...this.#tenants.values()];
  }

  deleteTenant(id: string): void {
    const tenant = this.tenant(id);
    this.#tenants.delete(id);
    this.#byClientId.delete(tenant.clientId);
    this.tokens.forgetTenant(id);
    this.webhooks.forgetTenant(id);
    this.adminKeys.forgetTenant(id);
    this.#deletions.get(tenant)?.abort();
    tenant.journal.release();
  }

  useScenario(tenantId: string, name: string, seed?: number): Tenant {
    const tenant = this.tenant(tenantId);
    tenant.useScenario(this.scenario(name), seed, tenant.extraRules);
    return tenant;
  }

  /**
   * Back to a fresh start for one tenant: data regenerated, journal, tokens and counters cleared.
   * Its clock keeps its offset: time at Acme never runs backwards for a client.
   */
  resetTenant(tenantId: string): Tenant {
    const tenant = this.tenant(tenantId);
    tenant.useScenario(tenant.scenario, tenant.seed, tenant.extraRules);
    tenant.resetData();
    tenant.journal.clear();
    this.webhooks.forgetTenant(tenantId);
    for (const token of this.tokens.forTenant(tenantId)) this.tokens.revoke(token.jti);
    return tenant;
  }

  expireTokens(tenantId: string, tokenId?: string): string[] {
    return this.#tokensOf(tenantId, tokenId).map((t) => (this.tokens.expire(t.jti), t.jti));
  }

  revokeTokens(tenantId: string, tokenId?: string): string[] {
    return this.#tokensOf(tenantId, tokenId).map((t) => (this.tokens.revoke(t.jti), t.jti));
  }

  #tokensOf(tenantId: string, tokenId?: string) {
    const now = this.tenant(tenantId).clock.now();
    const live = this.tokens.forTenant(tenantId).filter((t) => t.revokedAt === undefined && t.expiresAt > now);
    if (tokenId === undefined) return live;
    const match = live.filter((t) => t.jti === tokenId);
    if (match.length === 0) throw new ProblemError({ code: 'not_found', detail: `Tenant ${tenantId} has no live token "${tokenId}".` });
    return match;
  }
}
