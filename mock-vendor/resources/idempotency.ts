import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ProblemError, problemBody } from '../http/problem.ts';
import { sendJson } from '../http/send-json.ts';
import type { Vendor } from '../vendor.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH, type IdempotencyEntry, type IdempotencyStore } from './idempotency-store.ts';

/** Routes that honour `Idempotency-Key`. */
const IDEMPOTENT_ROUTES = [{ method: 'POST', path: /^\/v[12]\/leads\/?$/ }];

/** What the vendor decided about a request's key the moment it arrived. */
type Arrival =
  | { kind: 'claimed'; store: IdempotencyStore; entry: IdempotencyEntry }
  | { kind: 'replay'; entry: IdempotencyEntry }
  | { kind: 'conflict' }
  | { kind: 'in-progress' }
  | { kind: 'invalid'; reason: string };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      idempotency?: Arrival;
    }
  }
}

/**
 * Looks at `Idempotency-Key` as soon as the caller is known, before faults and latency, because
 * that is when the vendor has the request "in flight": a retry that arrives while the first
 * attempt is still being held up must see it. Acting on the decision is left to `idempotent()`,
 * on the route, after authentication, so a refused token or a rate limit never touches the key.
 */
export function claimIdempotencyKey(vendor: Vendor): RequestHandler {
  return function claimIdempotencyKeyMiddleware(req, res, next) {
    const raw = req.headers['idempotency-key'];
    const tenant = res.locals.exchange.tenant;
    if (raw === undefined || !tenant || !IDEMPOTENT_ROUTES.some((r) => r.method === req.method && r.path.test(req.path))) return next();
    const key = Array.isArray(raw) ? raw.join(', ') : raw;
    if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      res.locals.idempotency = { kind: 'invalid', reason: `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters; this one has ${key.length}. A UUID is a good key.` };
      return next();
    }
    const store = tenant.data.idempotency;
    const now = tenant.clock.now();
    const fingerprint = fingerprintOf(req);
    const existing = store.get(key, now);
    if (existing === undefined) {
      const entry = store.claim(key, fingerprint, now);
      res.locals.idempotency = { kind: 'claimed', store, entry };
      // Whatever happens next (fault, 401, 429, 5xx, a reset), an unanswered claim is let go.
      res.once('close', () => store.release(entry));
    } else if (existing.response === undefined) {
      res.locals.idempotency = { kind: 'in-progress' };
    } else if (existing.fingerprint !== fingerprint) {
      res.locals.idempotency = { kind: 'conflict' };
    } else {
      res.locals.idempotency = { kind: 'replay', entry: existing };
    }
    next();
  };
}

/** On the route, after `requireToken`: refuses, replays, or lets the handler run under the claim. */
export function idempotent(): RequestHandler {
  return function idempotentMiddleware(_req, res, next) {
    const arrival = res.locals.idempotency;
    if (arrival === undefined || arrival.kind === 'claimed') return next();
    switch (arrival.kind) {
      case 'invalid':
        throw new ProblemError({ code: 'invalid_idempotency_key', detail: arrival.reason });
      case 'in-progress':
        throw new ProblemError({
          code: 'idempotency_request_in_progress',
          detail: 'A request with this Idempotency-Key is still being processed. Wait for it to finish, then retry with the same key to get its result.',
          headers: { 'Retry-After': '1' },
        });
      case 'conflict':
        throw new ProblemError({
          code: 'idempotency_key_conflict',
          detail: 'This Idempotency-Key was already used with a different request (method, path or body). Use a new key for a new request; reuse a key only to retry the very same request.',
        });
      case 'replay':
        replay(res, arrival.entry.response!);
    }
  };
}

export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Wraps a handler whose result is remembered under the request's key: 2xx answers and 4xx
 * problems are stored (the endpoint ran to completion), 5xx answers are not, so a retry after
 * one is processed afresh.
 */
export function rememberedHandler(handler: (req: Request, res: Response) => HandlerResult): RequestHandler {
  return function rememberedHandlerMiddleware(req, res) {
    const arrival = res.locals.idempotency;
    const entry = arrival?.kind === 'claimed' ? arrival.entry : undefined;
    // The caller left while the request was held up (a latency fault) and its claim was let go, so a
    // retry with the key may already be running: processing this one too would create the record twice.
    if (arrival?.kind === 'claimed' && !arrival.store.holds(arrival.entry)) return void res.end();
    let result: HandlerResult;
    try {
      result = handler(req, res);
    } catch (error) {
      if (entry && error instanceof ProblemError && error.status < 500) {
        const body = problemBody(error, res.locals.exchange.requestId, req.originalUrl);
        entry.response = { status: error.status, json: JSON.stringify(body), mediaType: error.mediaType, headers: error.headers, errorCode: error.code };
      }
      throw error;
    }
    const headers = result.headers ?? {};
    if (entry && result.status < 500) {
      entry.response = { status: result.status, json: JSON.stringify(result.body), mediaType: 'application/json', headers, errorCode: undefined };
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    sendJson(res, result.status, result.body);
  };
}

function replay(res: Response, stored: NonNullable<IdempotencyEntry['response']>): void {
  for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
  res.setHeader('Idempotent-Replayed', 'true');
  if (stored.errorCode !== undefined) {
    res.locals.exchange.errorCode = stored.errorCode;
    res.status(stored.status).type(stored.mediaType).send(stored.json);
    return;
  }
  sendJson(res, stored.status, JSON.parse(stored.json), stored.json);
}

/** "The same request": method, path and body, with object keys in a canonical order. */
function fingerprintOf(req: Request): string {
  return createHash('sha256').update(`${req.method} ${req.path}\n${canonicalJson(req.body ?? null)}`).digest('hex');
}

/** JSON with every object's keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'null';
}
