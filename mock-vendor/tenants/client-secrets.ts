import { randomBytes } from 'node:crypto';
import { fingerprint, sha256 } from './fingerprint.ts';
import { timingSafeEqual } from 'node:crypto';

interface StoredSecret {
  hash: Buffer;
  fingerprint: string;
  createdAt: number;
  /** Set when the secret was rotated out: still accepted until then (the grace period). */
  retiresAt?: number;
}

export function generateSecret(): string {
  return `acme_sk_${randomBytes(24).toString('base64url')}`;
}

/** A tenant's client secrets: only hashes are kept; rotation keeps the old one for a grace period. */
export class ClientSecrets {
  #secrets: StoredSecret[] = [];
  /** Fingerprints of every secret this tenant ever had, retired ones too: whose refused requests are whose. */
  readonly #everHad = new Set<string>();

  constructor(initial: string, now: number) {
    this.#add(initial, now);
  }

  /** Constant time per stored secret; returns the fingerprint of the secret that matched. */
  verify(candidate: string, now: number): string | undefined {
    const hash = sha256(candidate);
    let matched: string | undefined;
    for (const secret of this.#secrets) {
      const live = secret.retiresAt === undefined || now < secret.retiresAt;
      if (timingSafeEqual(hash, secret.hash) && live) matched = secret.fingerprint;
    }
    return matched;
  }

  rotate(now: number, graceSeconds: number, next = generateSecret()): string {
    this.#secrets = this.#secrets.filter((s) => s.retiresAt === undefined || now < s.retiresAt);
    for (const secret of this.#secrets) secret.retiresAt ??= now + graceSeconds * 1000;
    this.#add(next, now);
    return next;
  }

  describe(now: number) {
    return this.#secrets.map((s) => ({
      fingerprint: s.fingerprint,
      createdAt: new Date(s.createdAt).toISOString(),
      retiresAt: s.retiresAt === undefined ? null : new Date(s.retiresAt).toISOString(),
      active: s.retiresAt === undefined || now < s.retiresAt,
    }));
  }

  everHad(secretFingerprint: string): boolean {
    return this.#everHad.has(secretFingerprint);
  }

  #add(secret: string, now: number) {
    this.#everHad.add(fingerprint(secret));
    this.#secrets.push({ hash: sha256(secret), fingerprint: fingerprint(secret), createdAt: now });
  }
}
