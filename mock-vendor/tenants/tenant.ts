import type { Clock } from '../clock.ts';
import { compileRules } from '../engine/compile-rules.ts';
import type { Rule, RuleInput } from '../engine/rule.ts';
import { RuleRunner } from '../engine/rule-runner.ts';
import type { Fault } from '../faults/fault.ts';
import type { JournalBudget } from '../journal/journal-budget.ts';
import { Journal } from '../journal/journal.ts';
import { createPrng } from '../prng.ts';
import { TokenBucket } from '../rate-limit/token-bucket.ts';
import { TenantData } from '../resources/tenant-data.ts';
import type { Scenario } from '../scenarios/scenario.ts';
import { ClientSecrets } from './client-secrets.ts';
import type { Scope } from './scopes.ts';
import { TenantClock } from './tenant-clock.ts';

export interface TenantInit {
  id: string;
  name: string;
  clientId: string;
  clientSecret: string;
  allowedScopes: Scope[];
  scenario: Scenario;
  seed: number;
  journalCapacity: number;
  /** Shared by every tenant of the vendor: how many journal entries they hold together. */
  journalBudget?: JournalBudget;
}

/**
 * One OAuth client of the vendor, with everything that is its own: secrets, data, scenario,
 * rate-limit bucket, journal and clock. Learners and parallel test files each get one, so they never meet.
 */
export class Tenant {
  readonly id: string;
  readonly name: string;
  readonly clientId: string;
  readonly secrets: ClientSecrets;
  readonly allowedScopes: Scope[];
  readonly journal: Journal;
  readonly bucket: TokenBucket;
  readonly createdAt: number;
  /** Everything of this tenant reads time here; its advances move no other tenant. */
  readonly clock: TenantClock;
  scenario!: Scenario;
  seed!: number;
  /** Rules added through the admin API, tried before the scenario's own. */
  extraRules: Rule[] = [];
  runner!: RuleRunner;
  data!: TenantData;

  constructor(
    init: TenantInit,
    vendorClock: Clock,
    private readonly faults: ReadonlyMap<string, Fault>,
  ) {
    this.clock = new TenantClock(vendorClock);
    this.id = init.id;
    this.name = init.name;
    this.clientId = init.clientId;
    this.createdAt = this.clock.now();
    this.secrets = new ClientSecrets(init.clientSecret, this.createdAt);
    this.allowedScopes = init.allowedScopes;
    this.journal = new Journal(init.journalCapacity, init.journalBudget);
    const { limit, windowSeconds } = init.scenario.settings.rateLimit;
    this.bucket = new TokenBucket(limit, windowSeconds, this.createdAt);
    this.useScenario(init.scenario, init.seed);
    this.resetData();
  }

  /** Switches scenario: new rules, counters and PRNG stream, rate limit refilled. Data is kept. */
  useScenario(scenario: Scenario, seed = scenario.seed, extraRules: RuleInput[] = []): void {
    const compiled = compileRules([...extraRules, ...scenario.rules], this.faults);
    this.scenario = scenario;
    this.seed = seed;
    this.extraRules = compiled.slice(0, extraRules.length).map((c) => c.rule);
    // Seeded by the seed alone (not the random tenant id), so the same seed replays the same run.
    this.runner = new RuleRunner(compiled, createPrng(seed), this.clock);
    const { limit, windowSeconds } = scenario.settings.rateLimit;
    this.bucket.reconfigure(limit, windowSeconds, this.clock.now());
  }

  /** Replaces the admin-added rules, keeping the scenario (counters restart). */
  setExtraRules(rules: RuleInput[]): void {
    this.useScenario(this.scenario, this.seed, rules);
  }

  resetData(): void {
    const { seedContacts, seedDeals } = this.scenario.settings;
    this.data = new TenantData(this.seed, { contacts: seedContacts, deals: seedDeals }, this.clock.now());
  }

  describe() {
    const now = this.clock.now();
    return {
      id: this.id,
      name: this.name,
      clientId: this.clientId,
      allowedScopes: this.allowedScopes,
      scenario: this.scenario.name,
      seed: this.seed,
      secrets: this.secrets.describe(now),
      extraRules: this.extraRules,
      ruleCounters: this.runner.counters(),
      /** When the scenario's rules took effect, on the tenant's clock: rule windows (fromSeconds, untilSeconds) count from it. */
      rulesActivatedAtMs: this.runner.activatedAt,
      journal: { size: this.journal.size, capacity: this.journal.capacity, dropped: this.journal.dropped },
      records: { contacts: this.data.contacts.size, deals: this.data.deals.size, leads: this.data.leads.size },
    };
  }
}
