import { COUNTERS, KILL_SWITCH, type Lab05 } from '../../labs/05-lean-release/contract.ts';
import { ensure } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import {
  allRequests,
  attemptsPerRecord,
  ensureNothingSentWhileOpen,
  ensureOneAlertPerOutage,
  ensureRecovered,
  failedAtAcme,
  failing,
  GUARDRAILS,
  JARGON,
  leanSyncFor,
  listed,
  notAtAcme,
  plural,
  range,
  readLaunchNotes,
  replayBreaker,
  runPlan,
  sections,
  SETTINGS,
  syncOnce,
  WORD_LIMIT,
  wordsIn,
} from './support/lab-05.ts';

const lab = gradedLab<Lab05>('05-lean-release');
const calm = (rules: ReturnType<typeof failing>) => ({ tenant: { scenario: 'calm', rules } });
const breakerStaysShut = { breaker: { failureThreshold: 20, coolDownMs: 30_000 } };

lab.check('loads and exports createLeanSync', 2, () => {}, { task: 1, baseline: true });

lab.check('syncs every contact while Acme is healthy', 6, async (t) => {
  const ids = range(1, 5);
  const report = await syncOnce(leanSyncFor(t), ids, 'syncing 5 contacts to a healthy Acme');
  const missing = ids.filter((id) => !report.synced.includes(id));
  ensure(missing.length === 0, `Acme was healthy, but ${listed(missing)} did not sync (report: ${JSON.stringify(report)}). Get a token (client credentials, scope contacts:write) and PATCH /v1/contacts/{id} with the changes.`);
  const stale = await notAtAcme(t, ids);
  ensure(stale.length === 0, `The report says synced, but Acme does not hold the change for ${listed(stale)}.`);
}, { task: 1 });

lab.check('retries a failing request with growing delays (backoff)', 8, async (t) => {
  const ids = range(1, 3);
  const baseDelayMs = 200;
  const report = await syncOnce(leanSyncFor(t, { ...breakerStaysShut, retry: { baseDelayMs, maxAttempts: 5 } }), ids, 'syncing 3 contacts that each meet three 503s', 12_000);
  const perRecord = await attemptsPerRecord(t);
  const attempts = ids.map((id) => perRecord.get(id) ?? []);
  ensure(
    attempts.every((a) => a.length === 4) && ids.every((id) => report.synced.includes(id)),
    `Each record met three 503s and then succeeds; Acme saw ${attempts.map((a) => a.length).join(', ')} attempts per record and ${report.synced.length} synced. Retry 503s, resets and timeouts, up to maxAttempts.`,
  );
  const gaps = attempts.map((a) => a.slice(1).map((entry, i) => entry.atMs - (a[i]!.atMs + a[i]!.durationMs)));
  const [first, second, third] = [0, 1, 2].map((i) => Math.round(gaps.reduce((sum, g) => sum + g[i]!, 0) / gaps.length)) as [number, number, number];
  ensure(
    first >= baseDelayMs / 2 && third - first >= 2 * baseDelayMs,
    `Before its retries the client waited on average ${first} ms, then ${second} ms, then ${third} ms (baseDelayMs: ${baseDelayMs}). Wait longer before each retry (about baseDelayMs × 2^(n-1): ${baseDelayMs}, ${2 * baseDelayMs}, ${4 * baseDelayMs} ms), so a struggling Acme gets room to recover.`,
  );
}, { task: 2, ...calm(failing(range(1, 3), 'status', { status: 503 }, 3)), timeoutMs: 17_000 });

lab.check('stays within its attempt budget: maxAttempts per record, first try included', 8, async (t) => {
  const ids = range(1, 6);
  const maxAttempts = 3;
  const report = await syncOnce(leanSyncFor(t, { ...breakerStaysShut, retry: { baseDelayMs: 20, maxAttempts } }), ids, 'syncing 6 contacts, one of which always gets 503');
  const tries = (await attemptsPerRecord(t)).get('ct_000003')?.length ?? 0;
  ensure(tries >= 2, `ct_000003 got a 503 and the client tried it ${plural(tries, 'time')}. A 503 is worth retrying (with backoff).`);
  ensure(tries <= maxAttempts, `ct_000003 always gets 503; with maxAttempts: ${maxAttempts} the client tried it ${tries} times. Count the first try and stop at the limit: retries cost Acme and your deadline.`);
  const total = (await t.acme.journal()).apiRequests().length;
  ensure(total <= ids.length + maxAttempts - 1, `Syncing ${ids.length} contacts with one failing record took ${total} requests to /v1; the budget is ${ids.length + maxAttempts - 1}. Retry only what failed.`);
  ensure(report.failed.some((f) => f.id === 'ct_000003'), `ct_000003 never got through but is not in the report's failed list (${JSON.stringify(report.failed)}). Report it, so someone can act.`);
  const others = ids.filter((id) => id !== 'ct_000003' && !report.synced.includes(id));
  ensure(others.length === 0, `One failing record stopped others from syncing: ${listed(others)}. Keep going with the rest.`);
}, { ...calm(failing(['ct_000003'], 'status', { status: 503 })), task: 2 });

lab.check('gives up on a record at its deadline, the attempt in flight included', 8, async (t) => {
  const ids = range(1, 3);
  const deadlineMs = 1_000;
  const report = await syncOnce(leanSyncFor(t, { ...breakerStaysShut, retry: { baseDelayMs: 20, maxAttempts: 4 }, timeoutMs: 2_500, deadlineMs }), ids, 'syncing 3 contacts, one of which hangs', 15_000);
  const attempts = (await attemptsPerRecord(t)).get('ct_000002') ?? [];
  ensure(attempts.length > 0, 'The client never sent ct_000002. Sync every update it is given, one request per record.');
  const startedMs = attempts[0]!.atMs;
  const late = attempts.filter((a) => a.atMs > startedMs + deadlineMs + 400);
  ensure(late.length === 0, `ct_000002 hangs; with deadlineMs: ${deadlineMs} the client still sent an attempt ${Math.round(late[0]?.atMs! - startedMs)} ms after the first. No attempt may start once the record's deadline has passed.`);
  const endMs = Math.max(...attempts.map((a) => a.atMs + a.durationMs)) - startedMs;
  ensure(
    endMs <= deadlineMs + 800,
    `ct_000002 hangs; the client held its last connection open until ${Math.round(endMs)} ms after the first attempt, past its deadline of ${deadlineMs} ms (the per-attempt timeout was 2 500 ms). Give the whole operation a deadline that also cancels the attempt in flight (an AbortSignal does).`,
  );
  ensure(report.failed.some((f) => f.id === 'ct_000002'), `ct_000002 ran out of time but is not in the report's failed list (${JSON.stringify(report.failed)}). Report every record you gave up on, with its reason, so someone can retry it.`);
  ensure(['ct_000001', 'ct_000003'].every((id) => report.synced.includes(id)), `One hanging record stopped others: synced only ${JSON.stringify(report.synced)}. Give each record its own deadline, report it as failed when that passes, and go on with the next.`);
}, { task: 3, ...calm(failing(['ct_000002'], 'hang', { maxHangMs: 10_000 })), timeoutMs: 20_000 });

lab.check('sends nothing to Acme while the breaker is open', 12, async (t) => {
  const phases = await runPlan(t);
  await ensureNothingSentWhileOpen(t, phases, SETTINGS.breaker);
}, { task: 4 });

lab.check('probes once the cool-down is over and recovers when Acme is back', 10, async (t) => {
  const phases = await runPlan(t);
  const probing = phases.find((p) => p.name === 'still down, cool-down over')!;
  ensure(
    probing.entries.length === 1,
    `${SETTINGS.breaker.coolDownMs / 1000} s after the breaker opened (Acme still down), the client sent ${plural(probing.entries.length, 'request')} for ${probing.ids.length} records. Half-open means one probe: send exactly one request, and let its answer decide.`,
  );
  await ensureRecovered(t, phases, ['Acme is back', 'Acme is back again']);
}, { task: 4 });

lab.check('raises exactly one alert per outage', 10, async (t) => {
  ensureOneAlertPerOutage(await runPlan(t));
}, { task: 6 });

lab.check('the kill switch stops all Acme traffic, token requests included', 10, async (t) => {
  const client = leanSyncFor(t, {}, 'on');
  const ids = range(1, 5);
  const report = await syncOnce(client, ids, `syncing 5 contacts with ${KILL_SWITCH}=on`);
  const sent = await allRequests(t);
  ensure(
    sent.length === 0,
    `With ${KILL_SWITCH}=on, Acme still received ${plural(sent.length, 'request')} (${sent.slice(0, 3).map((e) => `${e.method} ${e.path}`).join(', ')}). Check the switch before anything else, the token request included: when it is on, nothing goes to Acme.`,
  );
  const skipped = ids.filter((id) => report.skipped.some((s) => s.id === id && s.reason === 'kill-switch'));
  ensure(skipped.length === ids.length, `With the kill switch on, ${plural(skipped.length, 'record')} of 5 were reported skipped with reason "kill-switch" (report: ${JSON.stringify(report)}). Report them, so they are sent once the switch is off.`);
  client.env[KILL_SWITCH] = 'off';
  const after = await syncOnce(client, ids, `syncing the same 5 contacts after ${KILL_SWITCH} was set to off`);
  ensure(
    ids.every((id) => after.synced.includes(id)),
    `After ${KILL_SWITCH} was set back to off (same client, same configuration object), ${plural(after.synced.length, 'record')} of 5 synced. Read the switch from the configuration for every record, not once at start-up, so nobody needs a deploy or a restart.`,
  );
}, { task: 5 });

lab.check('counts requests, failures, breaker openings and records the way the journal does', 8, async (t) => {
  const phases = await runPlan(t);
  const journal = await allRequests(t);
  const total = (key: 'synced' | 'failed' | 'skipped') => phases.reduce((sum, p) => sum + p.report[key].length, 0);
  const expected: Record<string, number> = {
    [COUNTERS.requests]: journal.length,
    [COUNTERS.requestsFailed]: journal.filter(failedAtAcme).length,
    [COUNTERS.breakerOpened]: replayBreaker(journal, SETTINGS.breaker).opens,
    [COUNTERS.recordsSynced]: total('synced'),
    [COUNTERS.recordsFailed]: total('failed'),
    [COUNTERS.recordsSkipped]: total('skipped'),
  };
  const wrong = Object.entries(expected).filter(([name, value]) => t.platform.counters.get(name) !== value);
  ensure(
    wrong.length === 0,
    () =>
      `Through two outages, ${wrong.map(([name, value]) => `${name} is ${t.platform.counters.get(name)} but should be ${value}`).join('; ')}. ` +
      `Acme's journal has ${journal.length} requests (token requests and retries included), ${expected[COUNTERS.requestsFailed]} without an answer or with a 5xx. See COUNTERS in contract.ts for what each counts.`,
  );
  const accepted = (await t.acme.journal()).apiRequests({ method: 'PATCH', path: '/v1/contacts/*' }).filter((e) => e.status === 200).length;
  ensure(accepted === total('synced'), `Your reports say ${total('synced')} records synced; Acme accepted ${accepted} PATCHes. Report a record as synced only when Acme accepted it.`);
}, { task: 7 });

lab.check('LAUNCH.md says what ships, what follows and each guardrail, in plain words', 10, (t) => {
  const { path, text } = readLaunchNotes(t);
  ensure(!/\bTODO\b/.test(text), `${path} still has TODOs in it. Replace each with a sentence or two for the people who made the promise.`);
  const byHeading = [...sections(text)];
  for (const [what, heading] of [['what ships now', /ship/i], ['what follows later', /follow|later|next/i]] as const) {
    const found = byHeading.find(([title]) => heading.test(title));
    ensure(found, `LAUNCH.md has no heading for ${what} (headings found: ${byHeading.map(([title]) => `"${title}"`).join(', ') || 'none'}). Keep the starter's headings.`);
    ensure(wordsIn(found[1]) >= 10, `The section "${found[0]}" has ${wordsIn(found[1])} words; say ${what} in a few sentences (at least 10 words).`);
  }
  const missing = GUARDRAILS.filter((g) => !g.pattern.test(text));
  ensure(
    missing.length === 0,
    `LAUNCH.md does not name ${missing.map((g) => `${g.name} (any of ${g.words} would do)`).join('; ')}. Stakeholders should know each guardrail exists and what it does for them.`,
  );
  const words = wordsIn(text);
  ensure(words <= WORD_LIMIT, `LAUNCH.md has ${words} words; keep it under ${WORD_LIMIT}, so a sales lead reads it to the end.`);
  const jargon = [...new Set([...text.matchAll(JARGON)].map((m) => m[0].toLowerCase()))];
  ensure(
    !/```/.test(text) && jargon.length <= 3,
    `LAUNCH.md reads like notes for engineers: ${/```/.test(text) ? 'it has a code block; ' : ''}${jargon.length > 3 ? `technical terms (${jargon.join(', ')}); ` : ''}say what each guardrail does for the customer in plain words ("if Acme is down, we pause and try again every minute") and keep the details in the code.`,
  );
}, {
  task: 8,
  review:
    `LAUNCH.md. This check screens it (the two headings, each guardrail named, under ${WORD_LIMIT} words, few technical terms); it cannot tell whether the notes are true to the code or would reassure a sales lead. Read them: does what ships match what the code does, and is each guardrail explained by what it means for the customer?`,
});
