import { describe, expect, it } from 'vitest';
import { fingerprint } from '../tenants/fingerprint.ts';
import { isCredentialName } from './credential-names.ts';
import { redactBody, redactHeaders, redactQuery } from './redact.ts';

const fp = fingerprint;

describe('isCredentialName', () => {
  it.each(['client_secret', 'clientSecret', 'CLIENT-SECRET', 'X-Client-Secret', 'X-Api-Key', 'x-api-key', 'api_key', 'apiKey', 'APIKEY', 'access_token', 'refresh_token', 'refreshToken', 'x-admin-token', 'token', 'password', 'Password', 'passwd', 'new_password', 'secret'])(
    '%s names a credential',
    (name) => expect(isCredentialName(name)).toBe(true),
  );

  it.each(['Idempotency-Key', 'idempotency_key', 'X-Correlation-Id', 'page_token', 'pageToken', 'token_type_hint', 'grant_type', 'keyword', 'tokenId', 'email', 'sort_key'])(
    '%s does not',
    (name) => expect(isCredentialName(name)).toBe(false),
  );
});

describe('redactHeaders', () => {
  it('fingerprints a credential in any header, keeps Idempotency-Key and X-Correlation-Id visible', () => {
    const out = redactHeaders({
      'x-client-secret': 's3cret',
      'x-api-key': 'k-123',
      'x-auth-token': 't-456',
      'idempotency-key': 'op-789',
      'x-correlation-id': 'corr-1',
      authorization: 'Bearer abc.def',
      cookie: 'session=1',
    });
    expect(out).toEqual({
      'x-client-secret': fp('s3cret'),
      'x-api-key': fp('k-123'),
      'x-auth-token': fp('t-456'),
      'idempotency-key': 'op-789',
      'x-correlation-id': 'corr-1',
      authorization: `Bearer ${fp('abc.def')}`,
    });
  });
});

describe('redactQuery', () => {
  it('fingerprints the decoded value of credential parameters and keeps every other byte', () => {
    expect(redactQuery('limit=5&access_token=abc%2Bdef&cursor=c_1')).toBe(`limit=5&access_token=${fp('abc+def')}&cursor=c_1`);
    expect(redactQuery('API_KEY=k1&Client-Secret=s+1&password')).toBe(`API_KEY=${fp('k1')}&Client-Secret=${fp('s 1')}&password`);
  });

  it('leaves paging tokens and harmless queries as they were', () => {
    expect(redactQuery('page_token=p_2&sort=name')).toBe('page_token=p_2&sort=name');
    expect(redactQuery('q=%E0%A4%A')).toBe('q=%E0%A4%A');
    expect(redactQuery('')).toBe('');
  });
});

describe('redactBody', () => {
  it('fingerprints credential fields at any depth, in JSON and form bodies alike', () => {
    const body = {
      clientSecret: 'cs',
      api_key: 'ak',
      settings: { webhook: { signingSecret: 'ws', passwd: 12345 } },
      accounts: [{ refresh_token: 'rt', email: 'a@example.com' }],
      apiKeys: ['k1', 'k2'],
    };
    expect(redactBody(body)).toEqual({
      clientSecret: fp('cs'),
      api_key: fp('ak'),
      settings: { webhook: { signingSecret: fp('ws'), passwd: fp('12345') } },
      accounts: [{ refresh_token: fp('rt'), email: 'a@example.com' }],
      apiKeys: [fp('k1'), fp('k2')],
    });
    expect(redactBody({ grant_type: 'client_credentials', client_id: 'id', client_secret: 'cs' })).toEqual({ grant_type: 'client_credentials', client_id: 'id', client_secret: fp('cs') });
  });

  it('keeps fields that merely hold those words as values', () => {
    const body = { token_type_hint: 'refresh_token', grant_type: 'password', note: 'my secret token key password', tags: ['api_key'], page_token: 'p_3' };
    expect(redactBody(body)).toEqual(body);
  });
});
