import type { TokenRecord } from '../../mock-vendor/auth/token-service.ts';
import type { RuleInput } from '../../mock-vendor/engine/rule.ts';
import type { DeliveryLogEntry } from '../../mock-vendor/webhooks/delivery-log.ts';
import type { ScenarioSettings } from '../../mock-vendor/scenarios/scenario.ts';
import type { JournalView } from './journal-view.ts';

export type AcmeCollection = 'contacts' | 'leads' | 'deals' | 'jobs' | 'webhooks';

/** A record as the API presents it (`GET /v1/contacts` shape unless another version is asked for). */
export type AcmeRecord = { id: string } & Record<string, unknown>;

/**
 * The vendor side of one check's tenant, the same whether Acme runs in the grader's process or
 * elsewhere (a classroom vendor, a container): checks that only use this run in both modes.
 */
export interface AcmeControl {
  readonly tenantId: string;
  /** The tenant's time in epoch ms, now (a remote vendor's tenant clock is mirrored locally). */
  now(): number;
  /** Moves the tenant's own clock forward: no other tenant on that vendor sees it. */
  advanceClock(ms: number): Promise<void>;
  /** Replaces the tenant's extra fault rules, tried before the scenario's own. */
  setRules(rules: RuleInput[]): Promise<void>;
  /** Expires every live token of the tenant; resolves to their ids. */
  expireTokens(): Promise<string[]>;
  /** The tenant's scenario settings (token lifetime, rate limit, ...). */
  settings(): Promise<ScenarioSettings>;
  /** A snapshot of one collection, each record as the API presents it. */
  data(collection: AcmeCollection, version?: 'v1' | 'v2'): Promise<AcmeRecord[]>;
  /** A snapshot of the tenant's journal. */
  journal(): Promise<JournalView>;
  /** Token requests Acme refused before tying them to a tenant, that presented a secret this tenant has had. */
  refusedTokenRequests(): Promise<JournalView>;
  /** When the scenario's rules took effect, on the tenant's clock (rule windows count from it). */
  rulesActivatedAt(): Promise<number>;
  /** Rotates the client secret; the old one keeps working `graceSeconds`. Resolves to the new secret. */
  rotateSecret(graceSeconds: number): Promise<string>;
  /** Revokes every live token of the tenant; resolves to their ids. */
  revokeTokens(): Promise<string[]>;
  /** The tenant's access tokens as Acme keeps them (times on the tenant's clock). */
  tokens(): Promise<TokenRecord[]>;
  /** Every webhook delivery attempt to the tenant's subscriptions. */
  webhookDeliveries(): Promise<DeliveryLogEntry[]>;
  /**
   * Waits, bounded, until the journal shows something (a connection the client abandons is
   * journaled when the socket closes, a moment after the client's promise settles).
   */
  journalWhen(condition: (journal: JournalView) => boolean, withinMs?: number): Promise<boolean>;
}

/** `journalWhen` for any control: polls snapshots until `condition` holds or time runs out. */
export async function pollJournal(acme: AcmeControl, condition: (journal: JournalView) => boolean, withinMs = 1_000, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!condition(await acme.journal())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}
