import type { AxiosInstance } from 'axios';

const REFRESH_MARGIN_MS = 30_000;

/** A client-credentials token, reused until shortly before it expires and shared by concurrent callers. */
export function createTokenProvider(http: AxiosInstance, credentials: { clientId: string; clientSecret: string }, scope: string) {
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope });
    const { data } = await http.post('/oauth/token', form, { auth: { username: credentials.clientId, password: credentials.clientSecret } });
    cached = { token: data.access_token, expiresAt: Date.now() + data.expires_in * 1000 - REFRESH_MARGIN_MS };
    return cached.token;
  }

  return {
    async get(): Promise<string> {
      if (cached && Date.now() < cached.expiresAt) return cached.token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      return pending;
    },
    /** Forgets `token` after the vendor refused it, unless a newer one has replaced it already. */
    invalidate(token: string): void {
      if (cached?.token === token) cached = undefined;
    },
  };
}
