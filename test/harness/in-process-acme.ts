import { presentCollection } from '../../mock-vendor/admin/present-collection.ts';
import type { TokenRecord } from '../../mock-vendor/auth/token-service.ts';
import type { RuleInput } from '../../mock-vendor/engine/rule.ts';
import type { ScenarioSettings } from '../../mock-vendor/scenarios/scenario.ts';
import { startVendor } from '../../mock-vendor/server.ts';
import type { Tenant } from '../../mock-vendor/tenants/tenant.ts';
import type { Vendor } from '../../mock-vendor/vendor.ts';
import type { DeliveryLogEntry } from '../../mock-vendor/webhooks/delivery-log.ts';
import { pollJournal, type AcmeCollection, type AcmeControl, type AcmeRecord } from './acme-control.ts';
import { JournalView } from './journal-view.ts';
import { labEnv, type VendorConnection } from './vendor-connection.ts';

/** The vendor side of a tenant of a vendor in this process: direct calls on its objects. */
export class InProcessAcme implements AcmeControl {
  constructor(
    private readonly vendor: Vendor,
    private readonly tenant: Tenant,
  ) {}

  get tenantId(): string {
    return this.tenant.id;
  }

  now(): number {
    return this.tenant.clock.now();
  }

  async advanceClock(ms: number): Promise<void> {
    this.tenant.clock.advance(ms);
  }

  async setRules(rules: RuleInput[]): Promise<void> {
    this.tenant.setExtraRules(rules);
  }

  async expireTokens(): Promise<string[]> {
    return this.vendor.expireTokens(this.tenant.id);
  }

  async settings(): Promise<ScenarioSettings> {
    return this.tenant.scenario.settings;
  }

  async data(collection: AcmeCollection, version: 'v1' | 'v2' = 'v1'): Promise<AcmeRecord[]> {
    return presentCollection(this.tenant.data, collection, version) as AcmeRecord[];
  }

  async journal(): Promise<JournalView> {
    return JournalView.of(this.tenant.journal.entries());
  }

  journalWhen(condition: (journal: JournalView) => boolean, withinMs?: number): Promise<boolean> {
    return pollJournal(this, condition, withinMs);
  }

  async refusedTokenRequests(): Promise<JournalView> {
    return JournalView.of(this.vendor.anonymousJournal.entries().filter((e) => e.clientSecretFingerprint !== null && this.tenant.secrets.everHad(e.clientSecretFingerprint)));
  }

  async rulesActivatedAt(): Promise<number> {
    return this.tenant.runner.activatedAt;
  }

  async rotateSecret(graceSeconds: number): Promise<string> {
    return this.tenant.secrets.rotate(this.tenant.clock.now(), graceSeconds);
  }

  async revokeTokens(): Promise<string[]> {
    return this.vendor.revokeTokens(this.tenant.id);
  }

  async tokens(): Promise<TokenRecord[]> {
    return this.vendor.tokens.forTenant(this.tenant.id);
  }

  async webhookDeliveries(): Promise<DeliveryLogEntry[]> {
    return this.vendor.webhooks.deliveries(this.tenant.id);
  }
}

/** A vendor started in this process for one graded test file, gone with it. */
export async function inProcessVendor(): Promise<VendorConnection> {
  const running = await startVendor({ log: () => {} });
  return {
    url: running.url,
    async createTenant(input) {
      const { tenant, clientSecret } = running.vendor.createTenant(input);
      return {
        clientId: tenant.clientId,
        clientSecret,
        scenario: tenant.scenario.name,
        seed: tenant.seed,
        env: labEnv(running.url, tenant.clientId, clientSecret),
        acme: new InProcessAcme(running.vendor, tenant),
      };
    },
    // The whole vendor goes when the test file ends.
    deleteTenant: async () => {},
    close: () => running.close(),
  };
}
