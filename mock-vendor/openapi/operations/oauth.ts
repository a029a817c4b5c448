import {
  AuthorizationServerMetadataSchema,
  IntrospectionResponseSchema,
  TokenParameterRequestSchema,
  TokenRequestSchema,
  TokenResponseSchema,
} from '../oauth-schemas.ts';
import type { OperationSpec } from '../operation.ts';

/** RFC 8414 discovery, RFC 6749 token, RFC 7009 revocation, RFC 7662 introspection. */
export const oauthOperations: OperationSpec[] = [
  {
    operationId: 'getAuthorizationServerMetadata',
    method: 'get',
    path: '/.well-known/oauth-authorization-server',
    tag: 'OAuth',
    summary: 'Discover the OAuth endpoints (RFC 8414)',
    auth: { kind: 'none' },
    responses: [{ status: 200, description: 'The authorization server metadata.', schema: AuthorizationServerMetadataSchema }],
  },
  {
    operationId: 'requestToken',
    method: 'post',
    path: '/oauth/token',
    tag: 'OAuth',
    summary: 'Get an access token (client credentials)',
    description: 'RFC 6749 §4.4. Authenticate with HTTP Basic or with `client_id` and `client_secret` in the body. Cache the token until it expires.',
    auth: { kind: 'client' },
    requestBody: {
      schema: TokenRequestSchema,
      contentType: 'application/x-www-form-urlencoded',
      example: { grant_type: 'client_credentials', scope: 'contacts:read' },
    },
    responses: [
      {
        status: 200,
        description: 'A new access token. Not cacheable by intermediaries (`Cache-Control: no-store`).',
        schema: TokenResponseSchema,
        headers: ['Cache-Control'],
        example: { access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzY29wZSI6ImNvbnRhY3RzOnJlYWQifQ.c2lnbmF0dXJl', token_type: 'Bearer', expires_in: 3600, scope: 'contacts:read' },
      },
    ],
    errors: ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'],
  },
  {
    operationId: 'revokeToken',
    method: 'post',
    path: '/oauth/revoke',
    tag: 'OAuth',
    summary: 'Revoke an access token (RFC 7009)',
    description: 'The answer is the same whether or not the token was known, live or yours (RFC 7009 §2.2). A revoked token is refused by the API from then on.',
    auth: { kind: 'client' },
    requestBody: { schema: TokenParameterRequestSchema, contentType: 'application/x-www-form-urlencoded' },
    responses: [{ status: 200, description: 'Revoked (or there was nothing to revoke). No body.' }],
    errors: ['invalid_request', 'invalid_client'],
  },
  {
    operationId: 'introspectToken',
    method: 'post',
    path: '/oauth/introspect',
    tag: 'OAuth',
    summary: 'Inspect an access token (RFC 7662)',
    description: 'A client may inspect only its own tokens; anyone else\'s are reported as `{ "active": false }`.',
    auth: { kind: 'client' },
    requestBody: { schema: TokenParameterRequestSchema, contentType: 'application/x-www-form-urlencoded' },
    responses: [
      {
        status: 200,
        description: 'Whether the token is active and, if it is, what it allows.',
        schema: IntrospectionResponseSchema,
        headers: ['Cache-Control'],
        example: { active: true, scope: 'contacts:read', client_id: 'acme_client_0123456789abcdef', token_type: 'Bearer', exp: 1767229200, iat: 1767225600 },
      },
    ],
    errors: ['invalid_request', 'invalid_client'],
  },
];
