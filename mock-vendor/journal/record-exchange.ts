import type { RequestHandler, Response } from 'express';
import type { Clock } from '../clock.ts';
import type { JournalEntry } from './journal-entry.ts';
import type { Journal } from './journal.ts';
import { redactBody, redactHeaders, redactQuery } from './redact.ts';

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
 *
 * This runs on every request, so it is written for speed (see bench/README.md): one `close`
 * listener shared by all responses (`this` is the response) instead of a closure per request,
 * the entry built as one object literal, and the ISO time reused while the millisecond is the same.
 */
export function recordExchange(_clock: Clock, anonymous: Journal): RequestHandler {
  let seq = 0;
  let isoAtMs = Number.NaN;
  let isoAt = '';

  function recordOnClose(this: Response): void {
    const res = this;
    const req = res.req;
    const state = res.locals.exchange;
    const tenant = state.tenant;
    const completed = res.writableFinished;
    if (state.atMs !== isoAtMs) {
      isoAt = new Date(state.atMs).toISOString();
      isoAtMs = state.atMs;
    }
    const requestHeaders = redactHeaders(req.headers);
    const entry: JournalEntry = {
      seq: ++seq,
      kind: completed ? 'exchange' : 'connection',
      requestId: state.requestId,
      tenantId: tenant?.id ?? null,
      at: isoAt,
      atMs: state.atMs,
      durationMs: Math.round((performance.now() - state.startedAt) * 100) / 100,
      method: req.method,
      path: state.path,
      query: redactQuery(state.query),
      status: completed ? res.statusCode : null,
      outcome: completed ? 'completed' : state.fault === 'reset' ? 'reset' : state.droppedByVendor ? 'vendor-dropped' : 'client-aborted',
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
      requestHeaders,
      responseHeaders: completed ? keptResponseHeaders(res) : {},
      requestBody: req.body === undefined ? null : redactBody(req.body),
    };
    // What routes know best (token requests); same result as spreading it last into the literal.
    Object.assign(entry, state.journal);
    entry.authorization = entry.requestHeaders['authorization'] ?? null;
    (tenant?.journal ?? anonymous).record(entry);
  }

  return function recordExchangeMiddleware(_req, res, next) {
    // `on`, not `once`: 'close' fires once per response, and `once` allocates a wrapper each time.
    res.on('close', recordOnClose);
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
