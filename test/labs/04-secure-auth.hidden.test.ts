import type { Lab04 } from '../../labs/04-secure-auth/contract.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { CONTACTS, advance, describeError, describeLeaks, leaksIn, managerFor, requestsWithExpiredTokens, settle, tokenTtlMs } from './support/lab-04.ts';

const lab = gradedLab<Lab04>('04-secure-auth');

lab.check('shares one refresh among calls that all meet a revoked token', 5, async (t) => {
  const manager = managerFor(t);
  const warm = await settle(manager.request(CONTACTS));
  ensure(warm.ok, () => `The first call failed: ${describeError(!warm.ok && warm.error)}`);
  await t.acme.revokeTokens();
  const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => manager.request({ path: `/v1/contacts/ct_${String(i + 1).padStart(6, '0')}` })));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  ensure(failed.length === 0, () => `After the token was revoked, ${plural(failed.length, 'of 10 concurrent calls')} failed: ${describeError(failed[0]!.reason)}`);
  const tokens = (await t.acme.journal()).tokenRequests().length;
  ensure(
    tokens === 2,
    `10 concurrent calls all met the revoked token, and the manager made ${plural(tokens - 1, 'new token request')}; one is enough. Refresh through the same single flight, and forget the cached token only if it is the one that was refused.`,
  );
}, { task: [3,  4] });

lab.check('makes one token request for 25 concurrent calls once the token has expired', 5, async (t) => {
  const manager = managerFor(t);
  const warm = await settle(manager.getToken());
  ensure(warm.ok, () => `getToken() failed: ${describeError(!warm.ok && warm.error)}`);
  await advance(t, (await tokenTtlMs(t)) + 5_000);
  const results = await Promise.allSettled(Array.from({ length: 25 }, () => manager.request(CONTACTS)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  ensure(failed.length === 0, () => `${plural(failed.length, 'call')} of 25 failed: ${describeError(failed[0]!.reason)}`);
  const expired = (await requestsWithExpiredTokens(t)).length;
  ensure(expired === 0, `${plural(expired, 'request')} went out with the expired token. Check the expiry (with \`now\`) before every call.`);
  const tokens = (await t.acme.journal()).tokenRequests().length;
  ensure(tokens === 2, `25 concurrent calls after the token expired made ${plural(tokens - 1, 'token request')}; one is enough (single flight on refresh, too).`);
}, { task: 3 });

lab.check('keeps the secret out of the error when the token endpoint fails', 5, async (t) => {
  await t.acme.setRules([{ match: { method: 'POST', path: '/oauth/token' }, fault: 'status', options: { status: 503 } }]);
  const result = await settle(managerFor(t).request(CONTACTS));
  const asked = (await t.acme.journal()).tokenRequests().length;
  ensure(asked > 0, () => `The manager never asked Acme for a token (${describeError(!result.ok && result.error)}).`);
  ensure(!result.ok, 'The token endpoint answered 503, yet request() resolved.');
  const leaks = leaksIn(t, [result.error]);
  ensure(
    leaks.length === 0,
    () => `With the token endpoint failing, found ${describeLeaks(leaks)}. The HTTP client's error carries the Basic credentials in its config and request: throw your own error with the status and code.`,
  );
}, { task: 6 });

lab.check('requests only leads:write for a job that creates leads', 4, async (t) => {
  const manager = managerFor(t, { scopes: ['leads:write'] });
  const created = await settle(manager.request({ method: 'POST', path: '/v1/leads', body: { email: 'ada.lovelace@example.com', name: 'Ada Lovelace', source: 'lab-04' }, headers: { 'Idempotency-Key': `lab04-${t.seed}-lead` } }));
  ensure(created.ok, () => `Creating a lead with scopes ["leads:write"] failed: ${describeError(!created.ok && created.error)}`);
  const scopes = (await t.acme.journal()).tokenRequests().map((e) => e.requestedScope);
  ensure(
    scopes.length > 0 && scopes.every((s) => s === 'leads:write'),
    `A job that only creates leads asked for scope ${scopes.map((s) => JSON.stringify(s)).join(', ')}; it needs "leads:write" and nothing else. Request the scopes you are given, not a fixed list, and never leave scope out.`,
  );
}, { task: 9 });
