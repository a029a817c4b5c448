import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import { TokenService } from './token-service.ts';

const issueInput = { tenantId: 'ten_1', clientId: 'acme_client_1', scope: ['contacts:read'], ttlSeconds: 60, issuer: 'http://127.0.0.1' };

describe('TokenService', () => {
  it('answers synchronously only for a token whose signature it verified before', async () => {
    const other = new TokenService(() => createClock({ frozenAt: 0 }));
    const { accessToken } = await other.issue(issueInput);
    const tokens = new TokenService(() => createClock({ frozenAt: 0 }));
    expect(tokens.checkVerified(accessToken)).toBeUndefined();
    expect(await tokens.check(accessToken)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(tokens.checkVerified(accessToken)).toBeUndefined();
  });

  it('judges a known token on every call, so expiry and revocation take effect at once', async () => {
    const clock = createClock({ frozenAt: 0 });
    const tokens = new TokenService(() => clock);
    const { accessToken, record } = await tokens.issue(issueInput);
    expect(tokens.checkVerified(accessToken)).toEqual({ ok: true, record });
    clock.advance(60_000);
    expect(tokens.checkVerified(accessToken)).toMatchObject({ ok: false, reason: 'expired' });
    const second = await tokens.issue(issueInput);
    tokens.revoke(second.record.jti);
    expect(tokens.checkVerified(second.accessToken)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(await tokens.check(second.accessToken)).toEqual(tokens.checkVerified(second.accessToken));
  });

  it("judges each token by the clock of its own tenant", async () => {
    const clocks = new Map([['ten_a', createClock({ frozenAt: 0 })], ['ten_b', createClock({ frozenAt: 0 })]]);
    const tokens = new TokenService((tenantId) => clocks.get(tenantId)!);
    const a = await tokens.issue({ ...issueInput, tenantId: 'ten_a' });
    const b = await tokens.issue({ ...issueInput, tenantId: 'ten_b' });
    clocks.get('ten_a')!.advance(60_000);
    expect(tokens.checkVerified(a.accessToken)).toMatchObject({ ok: false, reason: 'expired' });
    expect(tokens.checkVerified(b.accessToken)).toEqual({ ok: true, record: b.record });
    tokens.revoke(b.record.jti);
    expect(b.record.revokedAt).toBe(0);
  });

  it('remembers a token verified by check, signed with its own key', async () => {
    const key = new Uint8Array(32).fill(7);
    const issuer = new TokenService(() => createClock({ frozenAt: 0 }), key);
    const { accessToken } = await issuer.issue(issueInput);
    const restarted = new TokenService(() => createClock({ frozenAt: 0 }), key);
    expect(restarted.checkVerified(accessToken)).toBeUndefined();
    expect(await restarted.check(accessToken)).toEqual({ ok: false, reason: 'unknown' });
    expect(restarted.checkVerified(accessToken)).toEqual({ ok: false, reason: 'unknown' });
  });
});
