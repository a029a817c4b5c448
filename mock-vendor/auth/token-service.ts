import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, compactVerify } from 'jose';
import type { Clock } from '../clock.ts';

export interface TokenRecord {
  jti: string;
  tenantId: string;
  clientId: string;
  scope: string[];
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | undefined;
}

export type TokenCheck =
  | { ok: true; record: TokenRecord }
  /** `record` is set when the token is genuine but no longer usable, so the journal can attribute it. */
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'unknown' | 'expired' | 'revoked'; record?: TokenRecord };

export const TOKEN_AUDIENCE = 'acme-crm-api';

/** The clock of a tenant, by id: a token lives on its tenant's time. */
export type ClockOfTenant = (tenantId: string) => Clock;
const MAX_CACHED = 50_000;

/**
 * Issues and checks access tokens: HS256 JWTs whose signature is verified once, after which the
 * token string maps straight to its record. Expiry and revocation live on the record, so the admin
 * API (and faults) can expire or revoke a token the client still holds. Every time (issue, expiry,
 * revocation) is read from the clock of the tenant the token belongs to.
 */
export class TokenService {
  readonly #key: Uint8Array;
  readonly #records = new Map<string, TokenRecord>();
  readonly #verified = new Map<string, string>();

  constructor(
    private readonly clockOf: ClockOfTenant,
    key: Uint8Array = randomBytes(32),
  ) {
    this.#key = key;
  }

  async issue(input: { tenantId: string; clientId: string; scope: string[]; ttlSeconds: number; issuer: string }) {
    const now = this.clockOf(input.tenantId).now();
    const record: TokenRecord = {
      jti: `tok_${randomUUID().replaceAll('-', '')}`,
      tenantId: input.tenantId,
      clientId: input.clientId,
      scope: input.scope,
      issuedAt: now,
      expiresAt: now + input.ttlSeconds * 1000,
      revokedAt: undefined,
    };
    const accessToken = await new SignJWT({ scope: input.scope.join(' '), client_id: input.clientId })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(input.issuer)
      .setSubject(input.clientId)
      .setAudience(TOKEN_AUDIENCE)
      .setJti(record.jti)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(record.expiresAt / 1000))
      .sign(this.#key);
    this.#records.set(record.jti, record);
    this.#verified.set(accessToken, record.jti);
    return { accessToken, record };
  }

  async check(token: string): Promise<TokenCheck> {
    const known = this.checkVerified(token);
    if (known) return known;
    const verified = await this.#verifySignature(token);
    if (!verified.ok) return verified;
    if (this.#verified.size >= MAX_CACHED) this.#verified.clear();
    this.#verified.set(token, verified.jti);
    return this.#judge(verified.jti);
  }

  /**
   * The check of a token whose signature was verified before, without waiting: `undefined` when
   * it has not been seen yet (then `check` verifies it). Every API request of a client that reuses
   * its token takes this path, so the request stays synchronous.
   */
  checkVerified(token: string): TokenCheck | undefined {
    const jti = this.#verified.get(token);
    return jti === undefined ? undefined : this.#judge(jti);
  }

  #judge(jti: string): TokenCheck {
    const record = this.#records.get(jti);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.revokedAt !== undefined) return { ok: false, reason: 'revoked', record };
    if (this.clockOf(record.tenantId).now() >= record.expiresAt) return { ok: false, reason: 'expired', record };
    return { ok: true, record };
  }

  get(jti: string): TokenRecord | undefined {
    return this.#records.get(jti);
  }

  expire(jti: string): void {
    const record = this.#records.get(jti);
    if (record) record.expiresAt = Math.min(record.expiresAt, this.clockOf(record.tenantId).now());
  }

  revoke(jti: string): void {
    const record = this.#records.get(jti);
    if (record && record.revokedAt === undefined) record.revokedAt = this.clockOf(record.tenantId).now();
  }

  forTenant(tenantId: string): TokenRecord[] {
    return [...this.#records.values()].filter((r) => r.tenantId === tenantId);
  }

  forgetTenant(tenantId: string): void {
    for (const [jti, record] of this.#records) if (record.tenantId === tenantId) this.#records.delete(jti);
    for (const [token, jti] of this.#verified) if (!this.#records.has(jti)) this.#verified.delete(token);
  }

  /** Entry counts, so tests can check that deleting tenants gives the memory back. */
  sizes(): { tokenRecords: number; verifiedTokens: number } {
    return { tokenRecords: this.#records.size, verifiedTokens: this.#verified.size };
  }

  async #verifySignature(token: string): Promise<{ ok: true; jti: string } | { ok: false; reason: 'malformed' | 'bad_signature' }> {
    if (token.split('.').length !== 3) return { ok: false, reason: 'malformed' };
    try {
      // Claims (exp included) are judged from the record, which the admin API can change.
      const { payload } = await compactVerify(token, this.#key, { algorithms: ['HS256'] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as { jti?: unknown };
      return typeof claims.jti === 'string' ? { ok: true, jti: claims.jti } : { ok: false, reason: 'malformed' };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { ok: false, reason: code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'bad_signature' : 'malformed' };
    }
  }
}
