import { z } from 'zod';
import { ProblemSchema } from '../schemas/problem.ts';
import { ALL_SCOPES } from '../tenants/scopes.ts';

/**
 * The OAuth endpoints' wire shapes (RFC 6749, 7009, 7662, 8414). `oauth-routes.ts` writes these by
 * hand, as OAuth servers do; the documentation and the conformance tests check it against them.
 */

const clientPost = {
  client_id: z.string().optional().describe('client_secret_post only: the client id. Leave out when using HTTP Basic.'),
  client_secret: z.string().optional().describe('client_secret_post only: the client secret. Never send it both ways.'),
};

export const TokenRequestSchema = z
  .object({
    grant_type: z.literal('client_credentials'),
    scope: z
      .string()
      .optional()
      .describe(`Space-separated scopes (${ALL_SCOPES.join(', ')}). Leave out to get every scope the client may have; ask for the least you need.`),
    ...clientPost,
  })
  .meta({ id: 'TokenRequest' });

export const TokenResponseSchema = z
  .object({
    access_token: z.string().describe('A signed JWT. Treat it as opaque; send it as `Authorization: Bearer <token>`.'),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().min(1).describe('Seconds until the token expires; the active scenario decides (an hour when calm).'),
    scope: z.string().describe('The scopes granted, space-separated.'),
  })
  .meta({ id: 'TokenResponse' });

export const TokenParameterRequestSchema = z
  .object({
    token: z.string().describe('The access token to revoke or inspect.'),
    token_type_hint: z.enum(['access_token', 'refresh_token']).optional().describe('Accepted and ignored: there are only access tokens.'),
    ...clientPost,
  })
  .meta({ id: 'TokenParameterRequest' });

export const IntrospectionResponseSchema = z
  .object({
    active: z.boolean().describe('false for a token that is expired, revoked, unknown or another client\'s; no other member is sent then.'),
    scope: z.string().optional(),
    client_id: z.string().optional(),
    token_type: z.literal('Bearer').optional(),
    exp: z.number().int().optional().describe('Expiry, epoch seconds.'),
    iat: z.number().int().optional().describe('Issued at, epoch seconds.'),
    sub: z.string().optional(),
    aud: z.string().optional(),
    iss: z.string().optional(),
    jti: z.string().optional().describe('Token id, as the vendor\'s journal names it.'),
  })
  .meta({ id: 'IntrospectionResponse' });

export const AuthorizationServerMetadataSchema = z
  .object({
    issuer: z.string(),
    token_endpoint: z.string(),
    revocation_endpoint: z.string(),
    introspection_endpoint: z.string(),
    grant_types_supported: z.array(z.string()),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    revocation_endpoint_auth_methods_supported: z.array(z.string()),
    introspection_endpoint_auth_methods_supported: z.array(z.string()),
    scopes_supported: z.array(z.string()),
    response_types_supported: z.array(z.string()),
    service_documentation: z.string(),
  })
  .meta({ id: 'AuthorizationServerMetadata', description: 'RFC 8414 authorization server metadata.' });

export const OAUTH_ERROR_CODES = ['invalid_request', 'invalid_client', 'unsupported_grant_type', 'invalid_scope'] as const;

export const OAuthErrorSchema = ProblemSchema.extend({
  error: z.enum(OAUTH_ERROR_CODES).describe('RFC 6749 §5.2 error code (the same as `code`).'),
  error_description: z.string(),
}).meta({
  id: 'OAuthError',
  description: 'An RFC 6749 §5.2 error that is also a problem document: standard OAuth clients read `error`, everything else reads `code`. Sent as `application/json`.',
});
