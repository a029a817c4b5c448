import { createHash, timingSafeEqual } from 'node:crypto';

/** What the journal stores instead of a secret or token: enough to tell two apart, useless to an attacker. */
export function fingerprint(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares in constant time: hashing first makes the lengths equal, so length leaks nothing either. */
export function constantTimeEquals(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}
