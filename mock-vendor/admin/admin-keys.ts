import { randomBytes } from 'node:crypto';
import { sha256 } from '../tenants/fingerprint.ts';

/**
 * Who a scoped key belongs to: one tenant, or one grader. `revoked` aborts when the key stops
 * working (rotated, deleted, its tenant deleted), so what it opened (a journal stream) ends too.
 */
export type KeyHolder = ({ kind: 'tenant'; tenantId: string } | { kind: 'grader'; graderId: string }) & { revoked: AbortSignal };

export const TENANT_KEY_PREFIX = 'acme_tk_';
export const GRADING_KEY_PREFIX = 'acme_gk_';

const newSecret = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
const digest = (key: string) => sha256(key).toString('hex');

/**
 * The scoped admin keys (tenant keys and grading keys) and which grader created which tenant.
 * Only SHA-256 digests of keys are kept: a key is shown once, when it is made, and a presented key
 * is found by its digest, so no stored value could be replayed and no comparison leaks its prefix.
 */
export class AdminKeys {
  readonly #holders = new Map<string, { holder: KeyHolder; revoke: AbortController }>();
  readonly #tenantKeyDigests = new Map<string, string>();
  readonly #gradingKeyDigests = new Map<string, string>();
  readonly #creators = new Map<string, string>();

  holderOf(presentedKey: string): KeyHolder | undefined {
    return this.#holders.get(digest(presentedKey))?.holder;
  }

  /** A new key for the tenant (`reuse`: one it had before a restart); the one it had stops working at once. */
  issueTenantKey(tenantId: string, reuse?: string): string {
    this.#dropTenantKey(tenantId);
    const reusable = reuse !== undefined && reuse.startsWith(TENANT_KEY_PREFIX) && reuse.length >= 32 && this.holderOf(reuse) === undefined;
    const key = reusable ? reuse : newSecret(TENANT_KEY_PREFIX);
    this.#remember(key, { kind: 'tenant', tenantId });
    this.#tenantKeyDigests.set(tenantId, digest(key));
    return key;
  }

  createGradingKey(): { id: string; gradingKey: string } {
    const id = `gk_${randomBytes(6).toString('hex')}`;
    const gradingKey = newSecret(GRADING_KEY_PREFIX);
    this.#remember(gradingKey, { kind: 'grader', graderId: id });
    this.#gradingKeyDigests.set(id, digest(gradingKey));
    return { id, gradingKey };
  }

  /** False when there is no such grading key. The tenants it created stay (the admin token still reaches them). */
  deleteGradingKey(id: string): boolean {
    const keyDigest = this.#gradingKeyDigests.get(id);
    if (keyDigest === undefined) return false;
    this.#revoke(keyDigest);
    this.#gradingKeyDigests.delete(id);
    return true;
  }

  recordCreator(tenantId: string, graderId: string): void {
    this.#creators.set(tenantId, graderId);
  }

  creatorOf(tenantId: string): string | undefined {
    return this.#creators.get(tenantId);
  }

  /** The tenant was deleted: its key stops working and nothing keyed by its id is left behind. */
  forgetTenant(tenantId: string): void {
    this.#dropTenantKey(tenantId);
    this.#creators.delete(tenantId);
  }

  /** Entry counts, so tests can check that deleting tenants gives the memory back. */
  sizes(): { keys: number; tenantKeys: number; gradingKeys: number; creators: number } {
    return { keys: this.#holders.size, tenantKeys: this.#tenantKeyDigests.size, gradingKeys: this.#gradingKeyDigests.size, creators: this.#creators.size };
  }

  #dropTenantKey(tenantId: string): void {
    const keyDigest = this.#tenantKeyDigests.get(tenantId);
    if (keyDigest !== undefined) this.#revoke(keyDigest);
    this.#tenantKeyDigests.delete(tenantId);
  }

  #remember(key: string, who: { kind: 'tenant'; tenantId: string } | { kind: 'grader'; graderId: string }): void {
    const revoke = new AbortController();
    this.#holders.set(digest(key), { holder: { ...who, revoked: revoke.signal }, revoke });
  }

  #revoke(keyDigest: string): void {
    this.#holders.get(keyDigest)?.revoke.abort();
    this.#holders.delete(keyDigest);
  }
}
