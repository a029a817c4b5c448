import { fingerprint } from '../tenants/fingerprint.ts';
import { isCredentialName } from './credential-names.ts';

const DROPPED_HEADERS = new Set(['cookie', 'proxy-authorization']);
const MAX_BODY_CHARS = 4096;
/** Cheap first look at a query string: only one that might name a credential is taken apart. */
const MIGHT_NAME_A_CREDENTIAL = /secret|token|key|pass|pwd|credential/i;

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
    else if (isCredentialName(name)) out[name] = rememberedFingerprint(value);
    else out[name] = value;
  }
  return out;
}

export function redactAuthorization(value: string): string {
  const space = value.indexOf(' ');
  if (space === -1) return rememberedFingerprint(value);
  return `${value.slice(0, space)} ${rememberedFingerprint(value.slice(space + 1).trim())}`;
}

/**
 * The query string as the journal keeps it: the value of each parameter whose name says it is a
 * credential (`?access_token=`, `?api_key=`) becomes the fingerprint of its decoded value; every
 * other byte stays as the client sent it.
 */
export function redactQuery(query: string): string {
  if (query === '' || !MIGHT_NAME_A_CREDENTIAL.test(query)) return query;
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1 || !isCredentialName(decodeQueryPart(pair.slice(0, equals)))) return pair;
      return `${pair.slice(0, equals)}=${rememberedFingerprint(decodeQueryPart(pair.slice(equals + 1)))}`;
    })
    .join('&');
}

function decodeQueryPart(part: string): string {
  const spaced = part.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** A copy of a parsed body with credential fields fingerprinted (at any depth); large bodies are summarised. */
export function redactBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  const redacted = redactValue(body, 0);
  const text = JSON.stringify(redacted);
  return text.length > MAX_BODY_CHARS ? { truncated: true, chars: text.length, preview: text.slice(0, MAX_BODY_CHARS) } : redacted;
}

/** Under a credential's name (`credential`), every string or number is one: `{ "apiKeys": ["…"] }`. */
function redactValue(value: unknown, depth: number, credential = false): unknown {
  if (credential && (typeof value === 'string' || typeof value === 'number')) return fingerprint(String(value));
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[nested too deep to record]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1, credential));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactValue(v, depth + 1, credential || isCredentialName(key));
  return out;
}
