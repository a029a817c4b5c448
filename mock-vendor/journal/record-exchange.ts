import type { RequestHandler, Response } from 'express';
import type { Clock } from '../clock.ts';
import type { Tenant } from '../tenants/tenant.ts';
import type { JournalEntry } from './journal-entry.ts';
import type { Journal } from './journal.ts';
import { redactBody, redactHeaders } from './redact.ts';

const KEPT_RESPONSE_HEADERS = [
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'www-authenticate',
  'location',
  'link',
  'deprecation',
  'sunset',
  'idempotent-replayed',
  'content-type',
];

/**
 * Writes one journal entry per request when it ends: an `exchange` when a response was sent,
 * a `connection` event when the socket closed without one (a reset fault, or a client that gave up).
 */
export function recordExchange(clock: Clock, anonymous: Journal): RequestHandler {
  let seq = 0;
  return function recordExchangeMiddleware(req, res, next) {
    const state = res.locals.exchange;
    const record = () => {
      const tenant: Tenant | undefined = state.tenant;
      const completed = res.writableFinished;
      const entry: JournalEntry = {
        seq: ++seq,
        kind: completed ? 'exchange' : 'connection',
        requestId: state.requestId,
        tenantId: tenant?.id ?? null,
        at: new Date(state.atMs).toISOString(),
        atMs: state.atMs,
        durationMs: Math.round((performance.now() - state.startedAt) * 100) / 100,
        method: req.method,
        path: state.path,
        query: state.query,
        status: completed ? res.statusCode : null,
        outcome: completed ? 'completed' : state.fault === 'reset' ? 'reset' : 'client-aborted',
        errorCode: state.errorCode ?? null,
        fault: state.fault ?? null,
        idempotencyKey: header(req.headers['idempotency-key']),
        correlationId: header(req.headers['x-correlation-id']),
        tokenId: state.tokenCheck && 'record' in state.tokenCheck ? (state.tokenCheck.record?.jti ?? null) : null,
        authorization: null,
        clientAuthMethod: null,
        clientSecretFingerprint: null,
        requestedScope: null,
        grantedScope: null,
        requestHeaders: redactHeaders(req.headers),
        responseHeaders: completed ? keptResponseHeaders(res) : {},
        requestBody: req.body === undefined ? null : redactBody(req.body),
        ...state.journal,
      };
      entry.authorization = entry.requestHeaders['authorization'] ?? null;
      (tenant?.journal ?? anonymous).record(entry);
    };
    res.once('close', record);
    next();
  };
}

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function keptResponseHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_RESPONSE_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}
