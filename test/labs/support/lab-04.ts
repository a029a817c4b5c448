import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { Lab04, Scope, TokenManager, TokenManagerDeps } from '../../../labs/04-secure-auth/contract.ts';
import type { JournalEntry } from '../../../mock-vendor/journal/journal-entry.ts';
import { fingerprint } from '../../../mock-vendor/tenants/fingerprint.ts';
import type { CheckContext } from '../../harness/graded-lab.ts';
import { findLeaks, type Leak } from '../../harness/leaks.ts';

export { describeError, settle } from './lab-01.ts';

export const CONTACTS = { path: '/v1/contacts', query: { limit: 5 } } as const;

/** The learner's token manager for this check's tenant: platform logger, Acme's clock, contacts:read unless told. */
export function managerFor(t: CheckContext<Lab04>, overrides: Partial<TokenManagerDeps> = {}): TokenManager {
  return t.lab.createTokenManager({
    env: t.env,
    logger: t.platform.logger,
    scopes: ['contacts:read'] as Scope[],
    now: () => t.acme.now(),
    ...overrides,
  });
}

/** Seconds a token lives in this check's scenario. */
export async function tokenTtlMs(t: CheckContext<Lab04>): Promise<number> {
  return (await t.acme.settings()).tokenTtlSeconds * 1000;
}

/** Moves the tenant's clock at Acme (the one the manager was given as `now`) forward. */
export function advance(t: CheckContext<Lab04>, ms: number): Promise<void> {
  return t.acme.advanceClock(ms);
}

/** A secrets file in a fresh temporary folder, replaced atomically the way a secret manager's agent does. */
export function secretFile(secret: string) {
  const dir = mkdtempSync(join(tmpdir(), 'lab04-secret-'));
  const path = join(dir, 'acme-client-secret');
  const write = (value: string) => {
    writeFileSync(`${path}.tmp`, `${value}\n`, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };
  write(secret);
  return { path, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Everything a caller (or a crash reporter) can see of a thrown error: message, stack, JSON and a deep inspect. */
export function dumpError(error: unknown): string {
  let json = '';
  try {
    json = JSON.stringify(error) ?? '';
  } catch {
    json = '(not serialisable)';
  }
  const stack = (error as Error | undefined)?.stack ?? '';
  return `${String(error)} ${stack} ${json} ${inspect(error, { depth: 5, maxStringLength: null, breakLength: Infinity })}`;
}

/** Leaks of this tenant's credentials in the logs so far and in the given thrown errors. */
export function leaksIn(t: CheckContext<Lab04>, errors: unknown[], clientSecret = t.clientSecret): Leak[] {
  const thrown = errors.map((error) => ({ where: 'an error your code threw', text: dumpError(error) }));
  return findLeaks([...t.logsWritten(), ...thrown], { clientId: t.clientId, clientSecret });
}

export function describeLeaks(leaks: Leak[]): string {
  return [...new Set(leaks.map((l) => `${l.what} in ${l.where}`))].join('; ');
}

/** Token requests that got a token (a fresh snapshot of the journal). */
export async function tokensIssued(t: CheckContext<Lab04>): Promise<JournalEntry[]> {
  return (await t.acme.journal()).tokenRequests().filter((e) => e.status === 200);
}

/**
 * Token requests Acme refused for presenting this secret. A refused request is no proof of being the
 * tenant, so Acme journals it in the anonymous journal, with the fingerprint of the secret it carried.
 */
export async function tokenRequestsRefusedFor(t: CheckContext<Lab04>, clientSecret: string): Promise<JournalEntry[]> {
  const sent = fingerprint(clientSecret);
  return (await t.acme.refusedTokenRequests())
    .tokenRequests()
    .filter((e) => e.status === 401 && e.clientSecretFingerprint === sent);
}

/** Requests sent with a token Acme's clock had already expired: the client could have known. */
export async function requestsWithExpiredTokens(t: CheckContext<Lab04>): Promise<JournalEntry[]> {
  return (await t.acme.journal()).apiRequests().filter((e) => e.errorCode === 'token_expired');
}

/** The `code` of a thrown error, if it has one. */
export function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | undefined)?.code;
}
