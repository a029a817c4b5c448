import type { Lab04 } from '../../labs/04-secure-auth/contract.ts';
import { fingerprint } from '../../mock-vendor/tenants/fingerprint.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { scanSourceForSecrets } from '../harness/leaks.ts';
import {
  advance,
  codeOf,
  CONTACTS,
  describeError,
  describeLeaks,
  leaksIn,
  managerFor,
  requestsWithExpiredTokens,
  secretFile,
  settle,
  tokenRequestsRefusedFor,
  tokensIssued,
  tokenTtlMs,
} from './support/lab-04.ts';

const lab = gradedLab<Lab04>('04-secure-auth');

const STEP_MS = 20_000;

lab.check('loads and exports createTokenManager', 2, () => {}, { task: 1, baseline: true });

lab.check('takes the secret only from the environment or the file it names', 8, async (t) => {
  const other = await t.newTenant();
  const now = () => other.acme.now();
  const fromEnv = await settle(Promise.resolve().then(() => t.lab.createTokenManager({ env: other.env, logger: t.platform.logger, scopes: ['contacts:read'], now }).request(CONTACTS)));
  ensure(fromEnv.ok, () => `With another tenant's credentials in the environment, request() failed: ${describeError(!fromEnv.ok && fromEnv.error)}. Read the base URL, client id and secret from env, nothing hard-coded.`);
  ensure((await other.acme.journal()).tokenRequests().length > 0, 'The manager did not ask for a token with the credentials given in the environment.');

  const { VENDOR_CLIENT_SECRET: _secret, ...withoutSecret } = t.env;
  const file = secretFile(t.clientSecret);
  try {
    const fromFile = await settle(Promise.resolve().then(() => managerFor(t, { env: { ...withoutSecret, VENDOR_CLIENT_SECRET_FILE: file.path } }).request(CONTACTS)));
    ensure(
      fromFile.ok,
      () => `With VENDOR_CLIENT_SECRET_FILE naming a file that holds the secret (and a newline), and no VENDOR_CLIENT_SECRET, request() failed: ${describeError(!fromFile.ok && fromFile.error)}. Read the file the variable names, and trim the newline.`,
    );
    const sent = (await t.acme.journal()).tokenRequests().at(-1)?.clientSecretFingerprint;
    ensure(sent === fingerprint(t.clientSecret), `The last token request did not carry the secret from VENDOR_CLIENT_SECRET_FILE (Acme saw secret ${sent ?? 'none'}; the file holds ${fingerprint(t.clientSecret)}).`);

    // Both set: the README says the file wins (a rotated secret lands in the file, the variable goes stale).
    const stale = { ...t.env, VENDOR_CLIENT_SECRET: 'stale-secret-from-an-old-deploy', VENDOR_CLIENT_SECRET_FILE: file.path };
    const fileWins = await settle(Promise.resolve().then(() => managerFor(t, { env: stale }).request(CONTACTS)));
    const sentWithBoth = (await t.acme.journal()).tokenRequests().at(-1)?.clientSecretFingerprint;
    ensure(
      fileWins.ok && sentWithBoth === fingerprint(t.clientSecret),
      () => `With both VENDOR_CLIENT_SECRET (an old value) and VENDOR_CLIENT_SECRET_FILE set, ${fileWins.ok ? `the token request carried secret ${sentWithBoth ?? 'none'}, not the file's ${fingerprint(t.clientSecret)}` : `request() failed: ${describeError(fileWins.error)}`}. The README says the file wins when it is set: check VENDOR_CLIENT_SECRET_FILE first.`,
    );
  } finally {
    file.remove();
  }

  const missing = await settle(Promise.resolve().then(() => managerFor(t, { env: withoutSecret }).request(CONTACTS)));
  ensure(!missing.ok, 'With neither VENDOR_CLIENT_SECRET nor VENDOR_CLIENT_SECRET_FILE set, the manager still ran. Where did it get a secret from? Fail fast instead.');
  ensure(
    describeError(missing.error).includes('VENDOR_CLIENT_SECRET'),
    `With no secret configured, the error was "${describeError(missing.error)}". Name the variable to set (VENDOR_CLIENT_SECRET_FILE or VENDOR_CLIENT_SECRET), so whoever deploys this knows what is missing.`,
  );
}, { task: 1 });

lab.check('makes one token request for 25 concurrent first calls', 10, async (t) => {
  const manager = managerFor(t);
  const results = await Promise.allSettled(Array.from({ length: 25 }, () => manager.request(CONTACTS)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  ensure(failed.length === 0, () => `${plural(failed.length, 'call')} of 25 failed: ${describeError(failed[0]!.reason)}`);
  const tokens = (await t.acme.journal()).tokenRequests().length;
  ensure(
    tokens === 1,
    `25 calls started at once, with no token yet, made ${plural(tokens, 'token request')}; one is enough. Keep the pending token request (the promise) and let every caller that arrives meanwhile wait for it (single flight).`,
  );
}, { task: 3 });

lab.check('keeps token requests at lifetimes + 1 across a long run', 10, async (t) => {
  const manager = managerFor(t);
  const ttlMs = await tokenTtlMs(t);
  const lifetimes = 4;
  const steps = (lifetimes * ttlMs) / STEP_MS;
  for (let i = 0; i < steps; i++) {
    if (i > 0) await advance(t, STEP_MS);
    const result = await settle(manager.request(CONTACTS));
    ensure(result.ok, () => `Call ${i + 1} of ${steps} (one every ${STEP_MS / 1000} s of Acme's clock) failed: ${describeError(!result.ok && result.error)}`);
  }
  const tokens = (await t.acme.journal()).tokenRequests().length;
  ensure(
    tokens <= lifetimes + 1,
    `${steps} calls, one every ${STEP_MS / 1000} s across ${lifetimes} token lifetimes of ${ttlMs / 1000} s, made ${plural(tokens, 'token request')}; at most ${lifetimes + 1} are needed. Reuse the token until shortly before it expires (the README's margin: 30 s, or a tenth of the lifetime if that is shorter), not for a fixed fraction of its life.`,
  );
}, { task: 2 });

lab.check('never sends a token it should know has expired', 8, async (t) => {
  const manager = managerFor(t);
  const ttlMs = await tokenTtlMs(t);
  for (let round = 0; round < 3; round++) {
    if (round > 0) await advance(t, ttlMs + 5_000);
    const result = await settle(manager.request(CONTACTS));
    ensure(result.ok, () => `A call ${round === 0 ? 'with a fresh manager' : `after the token's ${ttlMs / 1000} s lifetime had passed`} failed: ${describeError(!result.ok && result.error)}`);
  }
  const expired = await requestsWithExpiredTokens(t);
  ensure(
    expired.length === 0,
    `${plural(expired.length, 'request')} reached Acme with a token that had already expired by the clock you were given (\`now\`), and got 401 token_expired. Remember when the token expires (now() + expires_in seconds, taken when you asked for it) and get a new one before that, instead of waiting for a 401.`,
  );
  const tokens = (await tokensIssued(t)).length;
  ensure(tokens === 3, `Three calls, each a whole token lifetime apart, used ${plural(tokens, 'token')}; expected 3, one per lifetime.`);
}, { task: 2 });

lab.check('gets a new token and retries once when Acme answers invalid_token', 8, async (t) => {
  const manager = managerFor(t);
  const warm = await settle(manager.request(CONTACTS));
  ensure(warm.ok, () => `The first call failed: ${describeError(!warm.ok && warm.error)}`);
  await t.acme.revokeTokens();
  const after = await settle(manager.request(CONTACTS));
  ensure(
    after.ok,
    () => `After Acme revoked the token, request() failed: ${describeError(!after.ok && after.error)}. A 401 with WWW-Authenticate: Bearer error="invalid_token" means "get a new token": do that and retry the request once.`,
  );
  const journal = await t.acme.journal();
  const calls = journal.apiRequests({ path: '/v1/contacts' }).length;
  const tokens = journal.tokenRequests().length;
  ensure(tokens === 2, `Across the revocation the manager made ${plural(tokens, 'token request')}; expected 2 (the first, and one after invalid_token).`);
  ensure(calls === 3, `Two calls sent ${plural(calls, 'request')} to Acme; expected 3: the first call, the refused attempt, and one retry.`);
}, { task: 4 });

lab.check('gives up after one retry when the new token is refused too', 6, async (t) => {
  await t.acme.setRules([{ match: { path: '/v1/contacts' }, fault: 'token-revocation' }]);
  const result = await settle(managerFor(t).request(CONTACTS));
  const journal = await t.acme.journal();
  const calls = journal.apiRequests({ path: '/v1/contacts' }).length;
  const tokens = journal.tokenRequests().length;
  ensure(!result.ok, 'Acme refused every token, yet request() resolved. Throw once the retry is refused too.');
  ensure(
    calls === 2 && tokens === 2,
    `With every token refused as invalid_token, one call sent ${plural(calls, 'request')} and ${plural(tokens, 'token request')}; expected 2 and 2: refresh once, retry once, then throw. Never loop.`,
  );
  ensure(codeOf(result.error) === 'invalid_token', `The error thrown has code ${JSON.stringify(codeOf(result.error))}; Acme said "invalid_token". Put the problem's code on the error as \`code\`.`);
}, { task: 4 });

lab.check('stops at invalid_client with a clear error and no more token requests', 8, async (t) => {
  const manager = managerFor(t);
  const warm = await settle(manager.request(CONTACTS));
  ensure(warm.ok, () => `The first call failed: ${describeError(!warm.ok && warm.error)}`);
  const refusedSecret = t.clientSecret;
  await t.acme.rotateSecret(0);
  await t.acme.revokeTokens();
  const refused = await settle(manager.request(CONTACTS));
  ensure(!refused.ok, 'Acme no longer accepts the client secret, yet request() resolved.');
  ensure(
    codeOf(refused.error) === 'invalid_client',
    `When Acme refused the client secret, the error thrown was "${describeError(refused.error)}" with code ${JSON.stringify(codeOf(refused.error))}. Throw an error with code "invalid_client", so whoever is paged knows the secret is wrong and no retry will help.`,
  );
  const later = [await settle(manager.request(CONTACTS)), await settle(manager.request(CONTACTS)), ...(await Promise.all([0, 1, 2].map(() => settle(manager.request(CONTACTS)))))];
  const resolved = later.filter((r) => r.ok).length;
  ensure(resolved === 0, `${plural(resolved, 'later call')} resolved although the secret is still refused.`);
  const refusals = (await tokenRequestsRefusedFor(t, refusedSecret)).length;
  ensure(
    refusals <= 1,
    `After Acme answered invalid_client, 5 more calls made ${plural(refusals - 1, 'more token request')} with the same refused secret. invalid_client will not fix itself: stop asking (until the secret changes) and fail every call at once with the same clear error.`,
  );
}, { task: 5 });

lab.check('requests only the scopes it is given', 6, async (t) => {
  const result = await settle(managerFor(t, { scopes: ['contacts:read'] }).request(CONTACTS));
  ensure(result.ok, () => `request() failed: ${describeError(!result.ok && result.error)}`);
  const tokens = (await t.acme.journal()).tokenRequests();
  const wrong = tokens.filter((e) => e.requestedScope !== 'contacts:read');
  ensure(tokens.length > 0, 'The manager made no token request.');
  ensure(
    wrong.length === 0,
    () =>
      `A job that needs only contacts:read asked for scope ${JSON.stringify(wrong[0]!.requestedScope)} and was granted "${wrong[0]!.grantedScope}". Send scope= with exactly the scopes you are given; without it Acme grants every scope the client may have.`,
  );
}, { task: 9 });

lab.check('keeps secrets, tokens and Authorization headers out of logs and errors', 10, async (t) => {
  const manager = managerFor(t);
  const listed = await settle(manager.request(CONTACTS));
  ensure(listed.ok, () => `request() failed, so there was nothing to judge: ${describeError(!listed.ok && listed.error)}`);
  const errors: unknown[] = [];
  const notFound = await settle(manager.request({ path: '/v1/contacts/ct_999999' }));
  ensure(!notFound.ok, 'GET /v1/contacts/ct_999999 resolved, but Acme answered 404. Throw instead.');
  errors.push(notFound.error);
  await t.acme.setRules([{ match: { path: '/v1/contacts' }, fault: 'token-revocation' }]);
  const refusedToken = await settle(manager.request(CONTACTS));
  if (!refusedToken.ok) errors.push(refusedToken.error);
  await t.acme.setRules([]);
  await t.acme.rotateSecret(0);
  const refusedClient = await settle(manager.request(CONTACTS));
  if (!refusedClient.ok) errors.push(refusedClient.error);
  await settle(manager.shutdown());
  const leaks = leaksIn(t, errors);
  ensure(
    leaks.length === 0,
    () =>
      `Found ${describeLeaks(leaks)} (after a 404, a refused token and a refused secret). Logs and errors end up in tickets and crash reports: log the status, problem code and request id, and throw your own error instead of the HTTP client's, whose config carries the Authorization header and the secret.`,
  );
}, { task: 6 });

lab.check('revokes its token on shutdown', 6, async (t) => {
  const manager = managerFor(t);
  const result = await settle(manager.request(CONTACTS));
  ensure(result.ok, () => `request() failed: ${describeError(!result.ok && result.error)}`);
  const shut = await settle(manager.shutdown());
  ensure(shut.ok, () => `shutdown() failed: ${describeError(!shut.ok && shut.error)}`);
  const records = await t.acme.tokens();
  const now = t.acme.now();
  const live = records.filter((r) => r.revokedAt === undefined && r.expiresAt > now);
  const revokeCalls = (await t.acme.journal()).all({ method: 'POST', path: '/oauth/revoke' }).length;
  ensure(
    live.length === 0,
    `After shutdown(), ${plural(live.length, 'token')} of this client ${live.length === 1 ? 'is' : 'are'} still live at Acme (${plural(revokeCalls, 'call')} to POST /oauth/revoke). A token outlives the process that held it: revoke it with POST /oauth/revoke, token=<the token>, authenticated with the client credentials.`,
  );
}, { task: 7 });

lab.check('picks up a rotated secret without a failed call', 10, async (t) => {
  const { VENDOR_CLIENT_SECRET: _secret, ...env } = t.env;
  const file = secretFile(t.clientSecret);
  try {
    const manager = managerFor(t, { env: { ...env, VENDOR_CLIENT_SECRET_FILE: file.path } });
    const first = await settle(manager.request(CONTACTS));
    ensure(first.ok, () => `With the secret in VENDOR_CLIENT_SECRET_FILE, the first call failed: ${describeError(!first.ok && first.error)}`);
    const graceSeconds = 600;
    const newSecret = await t.acme.rotateSecret(graceSeconds);
    file.write(newSecret);
    const steps = (graceSeconds * 1000 + 2 * (await tokenTtlMs(t))) / STEP_MS;
    for (let i = 1; i <= steps; i++) {
      await advance(t, STEP_MS);
      const result = await settle(manager.request(CONTACTS));
      ensure(
        result.ok,
        () =>
          `The secret was rotated (the new one written to VENDOR_CLIENT_SECRET_FILE, the old one valid for ${graceSeconds} s more); ${(i * STEP_MS) / 1000} s later a call failed: ${describeError(!result.ok && result.error)}. Read the secret from the file when you need it (each token request, or again after invalid_client), not once at start-up.`,
      );
    }
    const last = (await tokensIssued(t)).at(-1);
    ensure(last?.clientSecretFingerprint === fingerprint(newSecret), 'After the grace period, the latest token was not obtained with the new secret from the file.');
  } finally {
    file.remove();
  }
}, { task: 8 });

lab.check(
  'keeps credentials out of its source code',
  4,
  (t) => {
    const leaks = scanSourceForSecrets(t.sourcePath);
    ensure(leaks.length === 0, () => `Found ${leaks.map((l) => `${l.what} at ${l.where}`).join('; ')}. Read credentials from the environment or the secrets file; never write them into code.`);
  },
  { task: 1, baseline: true },
);
