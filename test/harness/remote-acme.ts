import { randomUUID } from 'node:crypto';
import axios, { isAxiosError, type AxiosInstance } from 'axios';
import type { TokenRecord } from '../../mock-vendor/auth/token-service.ts';
import type { JournalEntry } from '../../mock-vendor/journal/journal-entry.ts';
import type { DeliveryLogEntry } from '../../mock-vendor/webhooks/delivery-log.ts';
import type { RuleInput } from '../../mock-vendor/engine/rule.ts';
import type { ScenarioSettings } from '../../mock-vendor/scenarios/scenario.ts';
import { pollJournal, type AcmeCollection, type AcmeControl, type AcmeRecord } from './acme-control.ts';
import { JournalView } from './journal-view.ts';
import { labEnv, type TenantHandle, type VendorConnection } from './vendor-connection.ts';

/**
 * The vendor side of a tenant of a vendor elsewhere (a classroom vendor, a container), through its
 * admin API (an admin token or a grading key). The tenant's clock is mirrored as this machine's clock plus the offset last learned.
 */
export class RemoteAcme implements AcmeControl {
  #offsetMs = 0;
  #roundTripMs = 0;

  constructor(
    private readonly admin: AxiosInstance,
    readonly tenantId: string,
    private readonly scenario: string,
  ) {}

  /** Learns the tenant clock's offset from this machine's (GET /__admin/tenants/:id/clock). */
  async syncClock(): Promise<void> {
    await this.#learnClock(() => this.admin.get<{ nowMs: number }>(`${this.#path}/clock`));
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  async advanceClock(ms: number): Promise<void> {
    await this.#learnClock(() => this.admin.post<{ nowMs: number }>(`${this.#path}/clock/advance`, { seconds: ms / 1000 }));
  }

  async setRules(rules: RuleInput[]): Promise<void> {
    await this.admin.put(`${this.#path}/rules`, { rules });
  }

  async expireTokens(): Promise<string[]> {
    return (await this.admin.post<{ expired: string[] }>(`${this.#path}/tokens/expire`, {})).data.expired;
  }

  async settings(): Promise<ScenarioSettings> {
    return (await this.admin.get<{ settings: ScenarioSettings }>(`/scenarios/${encodeURIComponent(this.scenario)}`)).data.settings;
  }

  async data(collection: AcmeCollection, version: 'v1' | 'v2' = 'v1'): Promise<AcmeRecord[]> {
    return (await this.admin.get<AcmeRecord[]>(`${this.#path}/data/${collection}`, { params: { version } })).data;
  }

  async journal(): Promise<JournalView> {
    return JournalView.of((await this.admin.get<JournalEntry[]>(`${this.#path}/journal`)).data);
  }

  journalWhen(condition: (journal: JournalView) => boolean, withinMs?: number): Promise<boolean> {
    return pollJournal(this, condition, withinMs, 50);
  }

  async refusedTokenRequests(): Promise<JournalView> {
    return JournalView.of((await this.admin.get<JournalEntry[]>(`${this.#path}/journal/refused`)).data);
  }

  async rulesActivatedAt(): Promise<number> {
    return (await this.admin.get<{ rulesActivatedAtMs: number }>(this.#path)).data.rulesActivatedAtMs;
  }

  async rotateSecret(graceSeconds: number): Promise<string> {
    return (await this.admin.post<{ clientSecret: string }>(`${this.#path}/secret/rotate`, { graceSeconds })).data.clientSecret;
  }

  async revokeTokens(): Promise<string[]> {
    return (await this.admin.post<{ revoked: string[] }>(`${this.#path}/tokens/revoke`, {})).data.revoked;
  }

  async tokens(): Promise<TokenRecord[]> {
    return (await this.admin.get<TokenRecord[]>(`${this.#path}/tokens`)).data;
  }

  async webhookDeliveries(): Promise<DeliveryLogEntry[]> {
    return (await this.admin.get<DeliveryLogEntry[]>(`${this.#path}/webhooks/deliveries`)).data;
  }

  /** How far `now()` can be from the vendor's: half the round trip of the call it was learned from. */
  get mirrorErrorBoundMs(): number {
    return this.#roundTripMs / 2;
  }

  /** The vendor read its clock about halfway through the round trip. */
  async #learnClock(call: () => Promise<{ data: { nowMs: number } }>): Promise<void> {
    const sentAt = Date.now();
    const { data } = await call();
    const receivedAt = Date.now();
    this.#roundTripMs = receivedAt - sentAt;
    this.#offsetMs = data.nowMs - (sentAt + receivedAt) / 2;
  }

  get #path(): string {
    return `/tenants/${encodeURIComponent(this.tenantId)}`;
  }
}

/** An authorised admin client whose errors say which call the vendor refused, and why. */
export function adminClient(url: string, adminToken: string): AxiosInstance {
  const admin = axios.create({ baseURL: `${url}/__admin`, headers: { Authorization: `Bearer ${adminToken}` }, timeout: 10_000 });
  admin.interceptors.response.use(undefined, (error: unknown) => {
    if (!isAxiosError(error)) throw error;
    const call = `${error.config?.method?.toUpperCase()} /__admin${error.config?.url ?? ''}`;
    const answer = error.response ? `answered ${error.response.status}: ${(error.response.data as { detail?: string })?.detail ?? error.message}` : `did not answer (${error.code ?? error.message})`;
    throw new Error(`The vendor at ${url} ${answer} to ${call}. Check that it is running and that the key is a grading key it made or its VENDOR_ADMIN_TOKEN.`);
  });
  return admin;
}

/**
 * A vendor running elsewhere: each tenant is created through POST /__admin/tenants and deleted
 * when its check is over, so a shared vendor is left as it was found.
 */
export function remoteVendor(url: string, adminToken: string): VendorConnection {
  const admin = adminClient(url, adminToken);
  // This connection's own name for its tenants: on close it can find and delete any whose creation
  // answered too late to be known, or whose deletion failed, without touching other graders' tenants.
  const label = `graded check ${randomUUID().slice(0, 8)}`;
  return {
    url,
    async createTenant(input) {
      const { data } = await admin.post<{ id: string; clientId: string; clientSecret: string; scenario: string; seed: number }>('/tenants', { ...input, name: label });
      const acme = new RemoteAcme(admin, data.id, data.scenario);
      await acme.syncClock();
      return { clientId: data.clientId, clientSecret: data.clientSecret, scenario: data.scenario, seed: data.seed, env: labEnv(url, data.clientId, data.clientSecret), acme } satisfies TenantHandle;
    },
    async deleteTenant(handle) {
      await admin.delete(`/tenants/${encodeURIComponent(handle.acme.tenantId)}`);
    },
    async close() {
      const left: string[] = [];
      try {
        for (let after: string | null | undefined; after !== null; ) {
          const { data } = await admin.get<{ data: { id: string; name: string }[]; next: string | null }>('/tenants', { params: { limit: 500, ...(after ? { after } : {}) } });
          left.push(...data.data.filter((t) => t.name === label).map((t) => t.id));
          after = data.next;
        }
      } catch {
        return; // The vendor is gone or refuses: nothing more to tidy.
      }
      await Promise.allSettled(left.map((id) => admin.delete(`/tenants/${encodeURIComponent(id)}`)));
    },
  };
}
