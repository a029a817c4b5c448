import axios, { isAxiosError } from 'axios';
import type { AcmeRequest, TokenManager, TokenManagerDeps } from '../../labs/04-secure-auth/contract.ts';
import { AcmeError, toAcmeError } from './acme-error.ts';
import { readConfig } from './config.ts';

const MAX_REFRESH_MARGIN_MS = 30_000;

interface CachedToken {
  value: string;
  refreshAt: number;
}

export function createTokenManager({ env = process.env, logger, scopes, now = Date.now }: TokenManagerDeps): TokenManager {
  const config = readConfig(env);
  const http = axios.create({ baseURL: config.baseUrl, timeout: 10_000 });
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  let refusal: { secret: string; error: unknown } | undefined;
  let stopped = false;

  async function clientAuth() {
    return { username: config.clientId, password: await config.readSecret() };
  }

  async function fetchToken(): Promise<CachedToken> {
    const auth = await clientAuth();
    if (refusal?.secret === auth.password) throw refusal.error;
    const requestedAt = now();
    try {
      const form = new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') });
      const { data } = await http.post<{ access_token: string; expires_in: number; scope: string }>('/oauth/token', form, { auth });
      const lifetimeMs = data.expires_in * 1000;
      logger?.info({ scope: data.scope, expiresInSeconds: data.expires_in }, 'Got an Acme CRM access token');
      return (cached = { value: data.access_token, refreshAt: requestedAt + lifetimeMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10) });
    } catch (error) {
      const failure = toAcmeError(error, 'Getting an Acme CRM access token');
      if (failure instanceof AcmeError && failure.code === 'invalid_client') {
        refusal = { secret: auth.password, error: failure };
        logger?.error({ clientId: config.clientId, requestId: failure.requestId }, 'Acme CRM refused our client credentials; no more token requests until the secret is replaced');
      }
      throw failure;
    }
  }

  async function getToken(): Promise<string> {
    if (stopped) throw new Error('The Acme CRM token manager has been shut down.');
    if (cached && now() < cached.refreshAt) return cached.value;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return (await pending).value;
  }

  async function send<T>(request: AcmeRequest, retried = false): Promise<T> {
    const token = await getToken();
    const { method = 'GET', path, query, body, headers } = request;
    try {
      const response = await http.request<T>({ method, url: path, params: query, data: body, headers: { ...headers, Authorization: `Bearer ${token}` } });
      return response.data;
    } catch (error) {
      if (!retried && isInvalidToken(error)) {
        if (cached?.value === token) cached = undefined;
        logger?.warn({ method, path }, 'Acme CRM refused our access token; getting a new one and retrying once');
        return send(request, true);
      }
      const failure = toAcmeError(error, `${method} ${path}`);
      if (failure instanceof AcmeError) logger?.warn({ method, path, status: failure.status, code: failure.code, requestId: failure.requestId }, 'Acme CRM request failed');
      throw failure;
    }
  }

  return {
    getToken,
    request: (request) => send(request),
    async shutdown() {
      stopped = true;
      await pending?.catch(() => undefined);
      const token = cached?.value;
      cached = undefined;
      if (token === undefined) return;
      try {
        await http.post('/oauth/revoke', new URLSearchParams({ token, token_type_hint: 'access_token' }), { auth: await clientAuth() });
        logger?.info('Revoked the Acme CRM access token');
      } catch (error) {
        throw toAcmeError(error, 'Revoking the Acme CRM access token');
      }
    },
  };
}

function isInvalidToken(error: unknown): boolean {
  return isAxiosError(error) && error.response?.status === 401 && /error="invalid_token"/.test(String(error.response.headers['www-authenticate'] ?? ''));
}
