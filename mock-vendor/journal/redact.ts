import { fingerprint } from '../tenants/fingerprint.ts';

const DROPPED_HEADERS = new Set(['cookie', 'proxy-authorization']);
const SECRET_HEADERS = new Set(['x-api-key', 'x-admin-token']);
const SECRET_FIELDS = new Set(['client_secret', 'password', 'token', 'access_token', 'refresh_token', 'secret']);
const MAX_BODY_CHARS = 4096;

/**
 * A client sends the same bearer token (or API key) on thousands of requests in a row, and every
 * one of them is journaled: remembering the last fingerprints saves a SHA-256 per request. Bounded
 * in entries and in key length, so it cannot grow with traffic.
 */
const FINGERPRINT_CACHE_ENTRIES = 256;
const FINGERPRINT_CACHE_MAX_CHARS = 4096;
const fingerprintCache = new Map<string, string>();

function rememberedFingerprint(secret: string): string {
  if (secret.length > FINGERPRINT_CACHE_MAX_CHARS) return fingerprint(secret);
  let result = fingerprintCache.get(secret);
  if (result === undefined) {
    result = fingerprint(secret);
    if (fingerprintCache.size >= FINGERPRINT_CACHE_ENTRIES) fingerprintCache.clear();
    fingerprintCache.set(secret, result);
  }
  return result;
}

/** Request headers as the journal keeps them: secrets become fingerprints, nothing raw survives. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const raw = headers[name];
    if (raw === undefined || DROPPED_HEADERS.has(name)) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (name === 'authorization') out[name] = redactAuthorization(value);
    else if (SECRET_HEADERS.has(name)) out[name] = rememberedFingerprint(value);
    else out[name] = value;
  }
  return out;
}

export function redactAuthorization(value: string): string {
  const space = value.indexOf(' ');
  if (space === -1) return rememberedFingerprint(value);
  return `${value.slice(0, space)} ${rememberedFingerprint(value.slice(space + 1).trim())}`;
}

/** A copy of a parsed body with secret fields fingerprinted; large bodies are summarised. */
export function redactBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  const redacted = redactValue(body, 0);
  const text = JSON.stringify(redacted);
  return text.length > MAX_BODY_CHARS ? { truncated: true, chars: text.length, preview: text.slice(0, MAX_BODY_CHARS) } : redacted;
}

function redactValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[nested too deep to record]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_FIELDS.has(key) && typeof v === 'string' ? fingerprint(v) : redactValue(v, depth + 1);
  }
  return out;
}
