/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import type { Logger } from '../platform/index.ts';

/** The scopes Acme CRM knows (see /.well-known/oauth-authorization-server). */
export type Scope =
  | 'contacts:read'
  | 'contacts:write'
  | 'leads:read'
  | 'leads:write'
  | 'deals:read'
  | 'deals:write'
  | 'imports:write'
  | 'webhooks:manage';

/** What `createTokenManager` receives. */
export interface TokenManagerDeps {
  /** Configuration and the secret (or the path of a file holding it). Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** The scopes the job needs: request exactly these, no more. */
  scopes: readonly Scope[];
  /**
   * The current time in milliseconds. Measure token expiry with it. Defaults to `Date.now`; the
   * checks pass Acme's clock so that they can move time forward instead of waiting.
   */
  now?: () => number;
}

/** One call to Acme CRM's API, e.g. `{ path: '/v1/contacts', query: { limit: 10 } }`. */
export interface AcmeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TokenManager {
  /** A valid access token: the cached one, or a new one when there is none or it is about to expire. */
  getToken(): Promise<string>;
  /** Sends the request with a bearer token and resolves to the response body (parsed JSON). */
  request<T = unknown>(request: AcmeRequest): Promise<T>;
  /** Revokes the current token (RFC 7009) and stops the manager. */
  shutdown(): Promise<void>;
}

/** What the manager throws when Acme refuses: the fields support and on-call will ask for. */
export interface AcmeErrorFields {
  /** HTTP status, or null when no answer came back. */
  status: number | null;
  /** The problem's or the OAuth error's code, e.g. "invalid_client", "not_found". */
  code: string;
}

export interface Lab04 {
  createTokenManager(deps: TokenManagerDeps): TokenManager;
}
