/**
 * Lab 04: a token manager for Acme CRM's client credentials. Read ../README.md first.
 *
 * Everything the checks call is declared in ../contract.ts. Keep the `createTokenManager` export;
 * how you organise the rest (more files in this folder are fine) is up to you.
 */
import type { AcmeRequest, TokenManager, TokenManagerDeps } from '../contract.ts';

export function createTokenManager({ env = process.env, logger, scopes, now = Date.now }: TokenManagerDeps): TokenManager {
  // TODO (task 1): read VENDOR_BASE_URL and VENDOR_CLIENT_ID from `env`, and the secret from
  // VENDOR_CLIENT_SECRET_FILE (a path: read the file) or VENDOR_CLIENT_SECRET. Throw an error
  // naming what is missing. Read the file again whenever you need the secret: that is how a
  // rotated secret reaches a running process (task 8).
  void env;
  void logger;
  void scopes;
  void now;

  return {
    async getToken(): Promise<string> {
      // TODO (tasks 2 and 3): POST /oauth/token with grant_type=client_credentials and
      // scope=<the scopes you were given, space-separated>. Keep the token and when it expires
      // (measured with `now()`), refresh shortly before that, and let concurrent callers share
      // one pending token request (keep the promise, not only the token).
      throw new Error('getToken is not written yet (lab 04, tasks 2 and 3).');
    },

    async request<T>(request: AcmeRequest): Promise<T> {
      // TODO (tasks 4 and 5): send the request with "Authorization: Bearer <token>". On a 401
      // with invalid_token, get a new token and retry once. On invalid_client, stop.
      // TODO (task 6): whatever you throw or log must not contain the secret, a token or an
      // Authorization header (an axios error carries all three in its `config`).
      throw new Error(`request(${request.method ?? 'GET'} ${request.path}) is not written yet (lab 04, tasks 4 to 6).`);
    },

    async shutdown(): Promise<void> {
      // TODO (task 7): revoke the current token with POST /oauth/revoke (RFC 7009).
      throw new Error('shutdown is not written yet (lab 04, task 7).');
    },
  };
}
