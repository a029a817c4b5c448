import type { Scope } from '../tenants/scopes.ts';

/** What each scope allows; typed by `Scope`, so a new scope cannot go undocumented. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'contacts:read': 'Read contacts.',
  'contacts:write': 'Create, update and delete contacts.',
  'leads:read': 'Read leads.',
  'leads:write': 'Create leads.',
  'deals:read': 'Read deals.',
  'deals:write': 'Create and update deals.',
  'imports:write': 'Start bulk imports and read their jobs.',
  'webhooks:manage': 'Create, list and delete webhook subscriptions.',
};

export const OAUTH2_SCHEME = 'oauth2';
export const CLIENT_BASIC_SCHEME = 'clientSecretBasic';

export function securitySchemes(baseUrl: string) {
  return {
    [OAUTH2_SCHEME]: {
      type: 'oauth2',
      description: 'OAuth 2.0 client credentials (RFC 6749 §4.4). Send the token as `Authorization: Bearer <token>`.',
      flows: { clientCredentials: { tokenUrl: `${baseUrl}/oauth/token`, scopes: SCOPE_DESCRIPTIONS } },
    },
    [CLIENT_BASIC_SCHEME]: {
      type: 'http',
      scheme: 'basic',
      description: 'Client authentication at the OAuth endpoints (`client_secret_basic`): client id and secret, each form-urlencoded, as HTTP Basic. The alternative is `client_id` and `client_secret` in the form body (`client_secret_post`).',
    },
  } as const;
}
