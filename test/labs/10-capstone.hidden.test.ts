import type { Lab10 } from '../../labs/10-capstone/contract.ts';
import { createPlatform } from '../../labs/platform/index.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { addAcmeContacts, addPlatformContacts, byTheService, changeAtAcme, contactsOf, OWN_CALLS_UNTOUCHED, driftBetween, ensureInStep, ensureOnce, runOnce, serviceFor, syncUntilOk } from './support/lab-10.ts';
import { judgeHealthThroughOutage } from './support/lab-10-judges.ts';

const lab = gradedLab<Lab10>('10-capstone');

lab.check('keeps both sides in step, each contact once, on three other seeds of chaos', 15, async (t) => {
  const seeds = [t.seed + 1_000, t.seed + 2_000, t.seed + 3_000];
  await Promise.all(
    seeds.map(async (seed) => {
      const handle = await t.newTenant({ seed });
      await handle.acme.setRules([OWN_CALLS_UNTOUCHED]);
      const platform = createPlatform();
      const service = serviceFor(t, {}, handle, platform);
      const store = contactsOf(platform);
      const created = addPlatformContacts(store, seed, [1, 2, 3, 4]);
      await syncUntilOk(service, `on seed ${seed}`);
      await changeAtAcme(t, handle);
      created.push(...addPlatformContacts(store, seed, [5, 6, 7]));
      await syncUntilOk(service, `on seed ${seed}, after changes at Acme and on the platform`);
      await runOnce(service, `on seed ${seed}, once more`);
      const faults = [...new Set(byTheService((await handle.acme.journal()).all()).flatMap((e) => (e.fault ? [e.fault] : [])))].join(', ');
      const drift = await driftBetween(handle, store, created);
      ensureOnce(drift, `On seed ${seed} (faults met: ${faults || 'none'})`);
      ensureInStep(drift, `On seed ${seed} (faults met: ${faults || 'none'})`);
    }),
  );
}, { timeoutMs: 60_000, task: [1, 2] });

lab.check('never deletes platform contacts because a listing was cut short', 8, async (t) => {
  await addAcmeContacts(t, 150);
  const service = serviceFor(t, { retry: { maxAttempts: 2, baseDelayMs: 20 }, breaker: { failureThreshold: 5, cooldownMs: 60_000 } });
  const store = contactsOf(t.platform);
  await syncUntilOk(service, `over ${(await t.acme.data('contacts')).length} contacts`);
  const held = store.size;
  await t.acme.setRules([{ id: 'second-page-fails', match: { method: 'GET', path: '/v1/contacts' }, when: { afterN: 1 }, fault: 'status', options: { status: 503 } }]);
  const report = await runOnce(service, 'when every page after the first fails');
  ensure(!report.ok, `Only the first page of contacts could be read, yet the run reported ok: true. A run that did not read every page is not complete.`);
  ensure(
    store.size === held,
    `The platform held ${held} contacts; Acme still has every one of them, but after a run whose listing failed after the first page the platform holds ${store.size}: ${plural(held - store.size, 'contact')} deleted for not being seen. Delete only after a complete listing.`,
  );
}, { tenant: { scenario: 'calm' }, timeoutMs: 30_000, task: 1 });

lab.check('its health endpoint reports Acme unreachable when only the token endpoint is down', 8, async (t) => {
  const tokenTtlMs = (await t.acme.settings()).tokenTtlSeconds * 1_000;
  await judgeHealthThroughOutage(
    t,
    [{ id: 'token-endpoint-down', match: { method: 'POST', path: '/oauth/token' }, fault: 'status', options: { status: 503 } }],
    "Acme's token endpoint answered 503 (the API itself was up) and the service's token had expired",
    () => t.acme.advanceClock(tokenTtlMs + 1_000),
  );
}, { timeoutMs: 40_000, task: 4 });
