import { Router, type Request } from 'express';
import { parseForm } from '../http/body-parsers.ts';
import { ProblemError } from '../http/problem.ts';
import { fingerprint } from '../tenants/fingerprint.ts';
import { ALL_SCOPES, isScope } from '../tenants/scopes.ts';
import type { Tenant } from '../tenants/tenant.ts';
import type { Vendor } from '../vendor.ts';
import { authenticateClient } from './authenticate-client.ts';
import { readClientCredentials, type PresentedClient } from './client-credentials.ts';

type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/** An RFC 6749 §5.2 error body that is also a problem document (both sets of members). */
function oauthError(error: OAuthErrorCode, description: string, headers: Record<string, string> = {}): ProblemError {
  return new ProblemError({
    code: error,
    status: error === 'invalid_client' ? 401 : 400,
    detail: description,
    headers: { 'Cache-Control': 'no-store', ...headers },
    extra: { error, error_description: description },
    mediaType: 'application/json',
  });
}

function issuerOf(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/**
 * RFC 6749 client credentials, RFC 7009 revocation, RFC 7662 introspection and RFC 8414 metadata.
 */
export function oauthRoutes(vendor: Vendor): Router {
  const router = Router();

  router.get('/.well-known/oauth-authorization-server', (req, res) => {
    const issuer = issuerOf(req);
    res.json({
      issuer,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      introspection_endpoint: `${issuer}/oauth/introspect`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: ALL_SCOPES,
      response_types_supported: [],
      service_documentation: `${issuer}/docs`,
    });
  });

  router.use('/oauth', parseForm, (req, _res, next) => {
    if (req.method === 'POST' && !req.is('application/x-www-form-urlencoded')) {
      throw oauthError('invalid_request', 'Send the parameters as an application/x-www-form-urlencoded body (RFC 6749 §4.4.2).');
    }
    next();
  });

  /** Authenticates the client, or throws the error RFC 6749 prescribes. */
  function authenticate(req: Request, res: import('express').Response): { tenant: Tenant; client: PresentedClient } {
    const presented = readClientCredentials(req);
    if (!presented.ok) {
      if (presented.problem === 'two_methods') {
        throw oauthError('invalid_request', 'Send client credentials one way only: the Authorization header or the body, not both.');
      }
      throw oauthError('invalid_client', 'Client authentication is required: HTTP Basic with client id and secret, or client_id and client_secret in the body.', {
        'WWW-Authenticate': 'Basic realm="acme-crm"',
      });
    }
    const { client } = presented;
    const journal = res.locals.exchange.journal;
    journal.clientAuthMethod = client.method;
    journal.clientSecretFingerprint = client.clientSecret === undefined ? null : fingerprint(client.clientSecret);
    const tenant = authenticateClient(vendor, client);
    if (!tenant) {
      throw oauthError(
        'invalid_client',
        'Client authentication failed: unknown client id or wrong secret. Check VENDOR_CLIENT_ID and VENDOR_CLIENT_SECRET; if the secret was rotated, use the new one.',
        client.method === 'client_secret_basic' ? { 'WWW-Authenticate': 'Basic realm="acme-crm"' } : {},
      );
    }
    return { tenant, client };
  }

  router.post('/oauth/token', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const { tenant, client } = authenticate(req, res);
    const journal = res.locals.exchange.journal;
    if (body['grant_type'] === undefined) throw oauthError('invalid_request', 'grant_type is missing; this server supports grant_type=client_credentials.');
    if (body['grant_type'] !== 'client_credentials') {
      throw oauthError('unsupported_grant_type', `grant_type "${String(body['grant_type'])}" is not supported; use client_credentials.`);
    }
    const requested = typeof body['scope'] === 'string' ? body['scope'].split(' ').filter(Boolean) : undefined;
    journal.requestedScope = requested?.join(' ') ?? null;
    const refused = (requested ?? []).filter((s) => !isScope(s) || !tenant.allowedScopes.includes(s));
    if (refused.length > 0) {
      throw oauthError('invalid_scope', `This client may not request: ${refused.join(', ')}. It may request: ${tenant.allowedScopes.join(' ')}.`);
    }
    const scope = requested ?? tenant.allowedScopes;
    const ttlSeconds = tenant.scenario.settings.tokenTtlSeconds;
    const { accessToken, record } = await vendor.tokens.issue({ tenantId: tenant.id, clientId: client.clientId, scope, ttlSeconds, issuer: issuerOf(req) });
    journal.tokenId = record.jti;
    journal.grantedScope = scope.join(' ');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: ttlSeconds, scope: scope.join(' ') });
  });

  router.post('/oauth/revoke', async (req, res) => {
    const { tenant } = authenticate(req, res);
    const token = (req.body as Record<string, unknown>)['token'];
    if (typeof token !== 'string') throw oauthError('invalid_request', 'The token parameter is missing.');
    const check = await vendor.tokens.check(token);
    const record = check.ok ? check.record : check.record;
    // RFC 7009 §2.2: unknown or foreign tokens are not an error; the answer is the same.
    if (record && record.tenantId === tenant.id) {
      vendor.tokens.revoke(record.jti);
      res.locals.exchange.journal.tokenId = record.jti;
    }
    res.status(200).end();
  });

  router.post('/oauth/introspect', async (req, res) => {
    const { tenant } = authenticate(req, res);
    const token = (req.body as Record<string, unknown>)['token'];
    if (typeof token !== 'string') throw oauthError('invalid_request', 'The token parameter is missing.');
    const check = await vendor.tokens.check(token);
    res.setHeader('Cache-Control', 'no-store');
    if (!check.ok || check.record.tenantId !== tenant.id) {
      res.json({ active: false });
      return;
    }
    const record = check.record;
    res.json({
      active: true,
      scope: record.scope.join(' '),
      client_id: record.clientId,
      token_type: 'Bearer',
      exp: Math.floor(record.expiresAt / 1000),
      iat: Math.floor(record.issuedAt / 1000),
      sub: record.clientId,
      aud: 'acme-crm-api',
      iss: issuerOf(req),
      jti: record.jti,
    });
  });

  return router;
}
