import type { Request } from 'express';

export interface PresentedClient {
  clientId: string;
  clientSecret: string | undefined;
  method: 'client_secret_basic' | 'client_secret_post';
}

export type ClientCredentialsResult =
  | { ok: true; client: PresentedClient }
  | { ok: false; problem: 'none' | 'malformed' | 'two_methods' };

/**
 * Reads client credentials the two ways RFC 6749 §2.3.1 allows: HTTP Basic (each part
 * form-urlencoded first) or `client_id` + `client_secret` in the form body. Using both is refused.
 */
export function readClientCredentials(req: Request): ClientCredentialsResult {
  const authorization = req.headers.authorization;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const inBody = typeof body['client_secret'] === 'string';
  if (authorization?.toLowerCase().startsWith('basic ')) {
    if (inBody) return { ok: false, problem: 'two_methods' };
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return { ok: false, problem: 'malformed' };
    try {
      return {
        ok: true,
        client: {
          clientId: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
          clientSecret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
          method: 'client_secret_basic',
        },
      };
    } catch {
      return { ok: false, problem: 'malformed' };
    }
  }
  if (typeof body['client_id'] === 'string') {
    return {
      ok: true,
      client: { clientId: body['client_id'], clientSecret: inBody ? (body['client_secret'] as string) : undefined, method: 'client_secret_post' },
    };
  }
  return { ok: false, problem: 'none' };
}
