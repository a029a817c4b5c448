import type { Response } from 'express';

/**
 * Every vendor error is RFC 9457 problem+json with a stable `code` a client can branch on and the
 * request id support would ask for. Handlers throw `ProblemError`; `errorHandler` writes it.
 */
export const PROBLEM_CODES = {
  bad_request: 400,
  invalid_json: 400,
  invalid_query: 400,
  invalid_cursor: 400,
  validation_failed: 422,
  missing_header: 400,
  unauthorized: 401,
  invalid_token: 401,
  token_expired: 401,
  /** Some scenarios answer an expired token this way instead (settings.expiredTokenSignal): a vendor's own 403. */
  session_expired: 403,
  insufficient_scope: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_idempotency_key: 400,
  idempotency_key_conflict: 409,
  idempotency_request_in_progress: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
  bad_gateway: 502,
  gateway_timeout: 504,
  unknown_scenario: 400,
  unknown_fault: 400,
  invalid_rule: 400,
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export interface ProblemInit {
  code: ProblemCode | (string & {});
  status?: number;
  title?: string;
  detail?: string;
  headers?: Record<string, string>;
  /** Extra members, e.g. `errors` for validation failures. */
  extra?: Record<string, unknown>;
  /** OAuth endpoints answer `application/json` so standard OAuth clients can read the error. */
  mediaType?: string;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;
  readonly mediaType: string;

  constructor(init: ProblemInit) {
    super(init.detail ?? init.title ?? init.code);
    this.name = 'ProblemError';
    this.code = init.code;
    this.status = init.status ?? PROBLEM_CODES[init.code as ProblemCode] ?? 500;
    this.title = init.title ?? titleFor(this.code);
    this.headers = init.headers ?? {};
    this.extra = init.extra ?? {};
    this.mediaType = init.mediaType ?? 'application/problem+json';
  }
}

export const PROBLEM_TYPE_BASE = 'https://acme-crm.example/problems/';

export function problemBody(problem: ProblemError, requestId: string, instance: string) {
  return {
    type: PROBLEM_TYPE_BASE + problem.code.replaceAll('_', '-'),
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    code: problem.code,
    instance,
    request_id: requestId,
    ...problem.extra,
  };
}

export function sendProblem(res: Response, problem: ProblemError): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  const requestId = String(res.getHeader('X-Request-Id') ?? '');
  const body = problemBody(problem, requestId, res.req.originalUrl);
  res.status(problem.status).type(problem.mediaType).send(JSON.stringify(body));
}

function titleFor(code: string): string {
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
