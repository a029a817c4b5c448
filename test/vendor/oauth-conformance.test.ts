import * as oauth from 'oauth4webapi';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock, type Clock } from '../../mock-vendor/clock.ts';
import { AuthorizationServerMetadataSchema, IntrospectionResponseSchema, TokenResponseSchema } from '../../mock-vendor/openapi/oauth-schemas.ts';
import type { CreateTenantInput } from '../../mock-vendor/vendor.ts';
import { startTestVendor, type TestVendor } from '../support/test-vendor.ts';

/**
 * The vendor's OAuth side judged by an independent, standards-strict client (oauth4webapi), not
 * by our own code: if it can discover, authenticate, introspect and revoke, so can learners' clients.
 */

let v: TestVendor;
afterEach(() => v?.close());

/** oauth4webapi refuses plain http unless told; the vendor listens on loopback http in tests. */
const insecure = { [oauth.allowInsecureRequests]: true } as const;

interface Session {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
}

async function discover(options: { clock?: Clock; tenant?: CreateTenantInput } = {}): Promise<Session> {
  v = await startTestVendor(options);
  const issuer = new URL(v.url);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure });
  const as = await oauth.processDiscoveryResponse(issuer, response);
  return { as, client: { client_id: v.clientId } };
}

async function getToken({ as, client }: Session, auth: oauth.ClientAuth, scope?: string): Promise<oauth.TokenEndpointResponse> {
  const response = await oauth.clientCredentialsGrantRequest(as, client, auth, scope ? { scope } : {}, insecure);
  return oauth.processClientCredentialsResponse(as, client, response);
}

/** The OAuth error a failed token request was rejected with, whichever way oauth4webapi reports it. */
async function oauthErrorOf(attempt: Promise<unknown>): Promise<{ status: number; error: string }> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) return { status: error.status, error: error.error };
    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      // A 401 with a challenge: oauth4webapi stops at the header; the body still says which error.
      const body = (await error.response.json()) as { error: string };
      return { status: error.status, error: body.error };
    }
    throw error;
  }
  throw new Error('expected the request to be refused');
}

const contactsUrl = () => new URL('/v1/contacts', v.url);

describe('OAuth conformance (oauth4webapi as an independent client)', () => {
  it('discovers RFC 8414 metadata that matches the documented schema', async () => {
    const { as } = await discover();
    expect(AuthorizationServerMetadataSchema.parse(as)).toBeTruthy();
    expect(as.issuer).toBe(v.url);
    expect(as.token_endpoint).toBe(`${v.url}/oauth/token`);
    expect(as.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
    expect(as.grant_types_supported).toEqual(['client_credentials']);
  });

  for (const method of ['client_secret_basic', 'client_secret_post'] as const) {
    it(`with ${method}: gets a token, calls the API, introspects it, revokes it, and the API then refuses it`, async () => {
      const session = await discover();
      const { as, client } = session;
      const auth = method === 'client_secret_basic' ? oauth.ClientSecretBasic(v.clientSecret) : oauth.ClientSecretPost(v.clientSecret);

      const tokens = await getToken(session, auth, 'contacts:read');
      expect(tokens.token_type).toBe('bearer');
      expect(tokens.scope).toBe('contacts:read');
      expect(tokens.expires_in).toBeGreaterThan(0);
      expect(TokenResponseSchema.safeParse({ ...tokens, token_type: 'Bearer' }).success).toBe(true);

      const api = await oauth.protectedResourceRequest(tokens.access_token, 'GET', contactsUrl(), undefined, undefined, insecure);
      expect(api.status).toBe(200);
      expect(((await api.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);

      const active = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, tokens.access_token, insecure));
      expect(IntrospectionResponseSchema.parse(active)).toMatchObject({ active: true, scope: 'contacts:read', client_id: v.clientId, token_type: 'Bearer' });

      await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, tokens.access_token, insecure));

      const inactive = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, tokens.access_token, insecure));
      expect(inactive).toEqual({ active: false });

      const refused = await oauth
        .protectedResourceRequest(tokens.access_token, 'GET', contactsUrl(), undefined, undefined, insecure)
        .then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
      const challenge = refused as oauth.WWWAuthenticateChallengeError;
      expect(challenge.status).toBe(401);
      expect(challenge.cause[0]).toMatchObject({ scheme: 'bearer', parameters: { error: 'invalid_token' } });
      expect(challenge.response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
      expect(((await challenge.response.json()) as { code: string }).code).toBe('invalid_token');

      // The vendor saw the method we meant to use, on every OAuth call.
      const methods = v.tenant.journal.find({}).filter((e) => e.path.startsWith('/oauth/')).map((e) => e.clientAuthMethod);
      expect(methods).toHaveLength(4);
      expect(new Set(methods)).toEqual(new Set([method]));
    });
  }

  it('refuses a wrong secret with invalid_client and 401, by either method', async () => {
    const session = await discover();
    const basic = await oauthErrorOf(getToken(session, oauth.ClientSecretBasic('not-the-secret-0123456789')));
    expect(basic).toEqual({ status: 401, error: 'invalid_client' });
    const post = await oauthErrorOf(getToken(session, oauth.ClientSecretPost('not-the-secret-0123456789')));
    expect(post).toEqual({ status: 401, error: 'invalid_client' });
  });

  it('refuses other grant types with unsupported_grant_type', async () => {
    const { as, client } = await discover();
    const response = await oauth.genericTokenEndpointRequest(as, client, oauth.ClientSecretBasic(v.clientSecret), 'password', { username: 'ada', password: 'lovelace' }, insecure);
    expect(await oauthErrorOf(oauth.processGenericTokenEndpointResponse(as, client, response))).toEqual({ status: 400, error: 'unsupported_grant_type' });
  });

  it('refuses a scope the client may not have with invalid_scope', async () => {
    const session = await discover({ tenant: { scopes: ['contacts:read'] } });
    const refused = await oauthErrorOf(getToken(session, oauth.ClientSecretPost(v.clientSecret), 'contacts:read deals:write'));
    expect(refused).toEqual({ status: 400, error: 'invalid_scope' });
    expect((await getToken(session, oauth.ClientSecretPost(v.clientSecret))).scope).toBe('contacts:read');
  });

  it('keeps the old secret valid through a rotation grace period, and only then refuses it', async () => {
    const clock = createClock({ frozenAt: Date.now() });
    const session = await discover({ clock });
    const oldSecret = v.clientSecret;
    const rotated = await v.admin.post(`/tenants/${v.tenant.id}/secret/rotate`, { graceSeconds: 60 });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.data.clientSecret as string;
    expect(newSecret).not.toBe(oldSecret);

    for (const secret of [oldSecret, newSecret]) {
      expect((await getToken(session, oauth.ClientSecretBasic(secret))).access_token).toBeTruthy();
      expect((await getToken(session, oauth.ClientSecretPost(secret))).access_token).toBeTruthy();
    }

    clock.advance(59_000);
    expect((await getToken(session, oauth.ClientSecretBasic(oldSecret))).access_token).toBeTruthy();

    clock.advance(1_000);
    expect(await oauthErrorOf(getToken(session, oauth.ClientSecretBasic(oldSecret)))).toEqual({ status: 401, error: 'invalid_client' });
    expect(await oauthErrorOf(getToken(session, oauth.ClientSecretPost(oldSecret)))).toEqual({ status: 401, error: 'invalid_client' });
    const fresh = await getToken(session, oauth.ClientSecretPost(newSecret), 'contacts:read');
    const api = await oauth.protectedResourceRequest(fresh.access_token, 'GET', contactsUrl(), undefined, undefined, insecure);
    expect(api.status).toBe(200);
  });
});
