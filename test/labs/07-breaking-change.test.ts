import { PINNED_ACME_VERSION, type Lab07 } from '../../labs/07-breaking-change/contract.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { JournalView } from '../harness/journal-view.ts';
import {
  acmeDeals,
  advanceInto,
  alertText,
  completedRun,
  corruptedRecords,
  dealsBrokenBy,
  dealSyncFor,
  describeCorrupted,
  describeError,
  deprecationMentions,
  driftAlerts,
  KEEP_GOING,
  platformStores,
  runSync,
  scenarioRule,
  sunsetForms,
} from './support/lab-07.ts';

const lab = gradedLab<Lab07>('07-breaking-change');

lab.check('loads and exports createDealSync', 2, () => {}, { task: 1, baseline: true });

lab.check('writes every deal, mapped as the table says, before anything changes', 8, async (t) => {
  const report = await completedRun(dealSyncFor(t), 'before Acme changed anything');
  const { deals } = platformStores(t);
  const all = (await acmeDeals(t)).map((d) => d.id);
  const missing = all.filter((id) => !deals.get(id));
  ensure(missing.length === 0, `After one run, ${plural(missing.length, 'deal')} of ${all.length} are not in the deal store (e.g. ${missing.slice(0, 3).join(', ')}); the run wrote ${report.written.length}. Read every page of GET /v1/deals (follow next_cursor) and upsert each deal by its id.`);
  const corrupted = await corruptedRecords(t, deals);
  ensure(corrupted.length === 0, () => `${describeCorrupted(corrupted)}. Follow the mapping table in the README field by field.`);
}, { task: [1,  2] });

lab.check('writes no corrupted record when amount turns into a string', 10, async (t) => {
  const sync = dealSyncFor(t);
  await completedRun(sync, 'before the release');
  await advanceInto(t, 'weekend-release');
  await completedRun(sync, 'after Acme started sending some amounts as strings', KEEP_GOING);
  const { deals } = platformStores(t);
  const corrupted = await corruptedRecords(t, deals);
  ensure(
    corrupted.length === 0,
    () => `${describeCorrupted(corrupted)}. Validate every record before writing it (zod: amount is z.number().int()); a record that fails goes to quarantine and the good copy already in the store stays as it was.`,
  );
  const total = (await acmeDeals(t)).length;
  ensure(deals.size === total, `The deal store holds ${deals.size} deals after the second run; Acme has ${total}, all written correctly by the first run. Quarantining a record must not delete its last good copy.`);
}, { task: 2 });

lab.check('quarantines exactly the deals that changed shape', 10, async (t) => {
  await advanceInto(t, 'weekend-release');
  const report = await completedRun(dealSyncFor(t), 'after the release', KEEP_GOING);
  const expected = await dealsBrokenBy(t, scenarioRule(t, 'weekend-release'));
  const { quarantine, deals } = platformStores(t);
  const got = quarantine.all().map((q) => String(q?.externalId));
  const missing = expected.filter((id) => !got.includes(id));
  const extra = got.filter((id) => !expected.includes(id));
  ensure(missing.length === 0, `${plural(missing.length, 'deal')} that Acme now sends in another shape are not in quarantine (e.g. ${missing.slice(0, 3).join(', ')}; ${plural(expected.length, 'deal')} changed). Check the type of every field you use, not only that it is there.`);
  const unpinned = (await t.acme.journal()).apiRequests().some((e) => JournalView.header(e, 'acme-version') === undefined);
  ensure(
    extra.length === 0,
    `${plural(extra.length, 'deal')} in quarantine did not change in a breaking way for a client pinned to Acme-Version ${PINNED_ACME_VERSION} (e.g. ${extra.slice(0, 3).join(', ')}). ${
      unpinned
        ? 'Your requests carried no Acme-Version header, so Acme answered with its new default version, where every amount is a string: pin the version.'
        : 'Quarantine only records that fail validation, one by one; keep writing the rest (and let unknown fields through).'
    }`,
  );
  const [sample] = quarantine.all();
  ensure(
    sample && Array.isArray(sample.reasons) && sample.reasons.length > 0 && sample.payload !== undefined,
    `A quarantined deal looks like ${JSON.stringify(sample)?.slice(0, 200)}; keep { externalId, reasons, payload }: whoever repairs it needs the reason and the record as Acme sent it.`,
  );
  const writtenBroken = expected.filter((id) => deals.get(id));
  ensure(writtenBroken.length === 0, `${plural(writtenBroken.length, 'quarantined deal')} were also written to the deal store (e.g. ${writtenBroken[0]}). A record is either valid and written, or quarantined.`);
  ensure(report.quarantined.length === expected.length, `syncDeals() reported ${plural(report.quarantined.length, 'quarantined deal')}; it quarantined ${expected.length}. Report what the run did.`);
}, { task: 3 });

lab.check('raises one drift alert that names the field and the change', 8, async (t) => {
  await advanceInto(t, 'weekend-release');
  await completedRun(dealSyncFor(t), 'after the release', KEEP_GOING);
  const broken = (await dealsBrokenBy(t, scenarioRule(t, 'weekend-release'))).length;
  const alerts = driftAlerts(t);
  const others = t.platform.alerts.list().filter((a) => !alerts.includes(a));
  ensure(
    alerts.length > 0,
    `No alert with a key starting "schema-drift" after ${plural(broken, 'deal')} came back in another shape${others.length ? ` (other alerts: ${others.map((a) => a.key).join(', ')})` : ''}. Somebody has to know today, not when the dashboard shows zeros: raise one.`,
  );
  ensure(alerts.length === 1, `${plural(alerts.length, 'drift alert')} for one change (${alerts.slice(0, 3).map((a) => a.key).join(', ')}…). One change, one alert, however many records show it: group by field and raise once.`);
  const text = alertText(alerts[0]!);
  ensure(/\bamount\b/.test(text), `The drift alert says "${alerts[0]!.message}" (key ${alerts[0]!.key}); it does not name the field that changed, amount. The person paged must know where to look.`);
  ensure(/string/i.test(text), `The drift alert names amount but not what it became: "${alerts[0]!.message}". Say the change too (e.g. "deals.amount: expected number, received string").`);
}, { task: 4 });

lab.check('keeps syncing when Acme adds fields', 8, async (t) => {
  await t.acme.setRules([{ match: { method: 'GET', path: '/v1/deals' }, fault: 'schema-drift', options: { add: { probability: 0.4, owner_email: 'sam@acme.example', tags: [] } } }]);
  const report = await completedRun(dealSyncFor(t), 'when every deal came with three new fields', KEEP_GOING);
  const { deals, quarantine } = platformStores(t);
  const total = (await acmeDeals(t)).length;
  ensure(quarantine.size === 0, `${plural(quarantine.size, 'deal')} went to quarantine only because Acme added fields (probability, owner_email, tags). Added fields are not a breaking change: ignore the ones you do not use (no .strict()).`);
  ensure(deals.size === total && report.written.length === total, `The run wrote ${report.written.length} of ${total} deals when Acme added fields; it should write all of them.`);
  const corrupted = await corruptedRecords(t, deals);
  ensure(corrupted.length === 0, () => `${describeCorrupted(corrupted)}. Store exactly the fields of the mapping table, whatever else Acme sends.`);
  const alerts = driftAlerts(t).filter((a) => a.severity !== 'info');
  ensure(alerts.length === 0, `Added fields raised ${plural(alerts.length, 'drift alert')} ("${alerts[0]?.message}"). Nothing broke, so nobody should be paged; log it at info if you want a record of it.`);
}, { task: 2 });

lab.check(`sends Acme-Version: ${PINNED_ACME_VERSION} on every request`, 8, async (t) => {
  const sync = dealSyncFor(t);
  await completedRun(sync, 'before the release');
  await advanceInto(t, 'weekend-release');
  await runSync(sync);
  await advanceInto(t, 'v1-deals-moved');
  await runSync(sync);
  const requests = (await t.acme.journal()).apiRequests().filter((e) => e.kind === 'exchange');
  ensure(requests.length > 0, 'The sync sent no request to the Acme API.');
  const unpinned = requests.filter((e) => JournalView.header(e, 'acme-version') !== PINNED_ACME_VERSION);
  const example = unpinned[0];
  ensure(
    unpinned.length === 0,
    `${plural(unpinned.length, 'request')} of ${requests.length} did not carry Acme-Version: ${PINNED_ACME_VERSION} (e.g. ${example?.method} ${example?.path} sent ${JSON.stringify(example && JournalView.header(example, 'acme-version'))}). Pin the version the integration was tested against on every API request: set it once on the HTTP client, so no request can forget it.`,
  );
}, { task: 1 });

lab.check('surfaces the deprecation once, with its sunset date', 8, async (t) => {
  const sync = dealSyncFor(t);
  await completedRun(sync, 'on the first night');
  await completedRun(sync, 'on the second night');
  await advanceInto(t, 'weekend-release');
  await completedRun(sync, 'after the release', KEEP_GOING);
  const pages = (await t.acme.journal()).apiRequests({ path: '/v1/deals' }).filter((e) => e.responseHeaders['deprecation']).length;
  const mentions = deprecationMentions(t);
  const { iso, http } = sunsetForms();
  ensure(
    mentions.length > 0,
    `${plural(pages, 'response')} from GET /v1/deals carried Deprecation and Sunset headers, and nothing your code raised or logged at warn level mentions them. Read the headers and tell an owner once: raise an alert (or log one warning) that names the endpoint and the sunset date.`,
  );
  ensure(
    mentions.length === 1,
    `The deprecation was surfaced ${plural(mentions.length, 'time')} over three runs (${pages} deprecated responses), e.g. "${mentions[1]?.slice(0, 160)}". Once is a signal; every request is noise that gets muted. Remember that you reported it.`,
  );
  ensure(
    mentions[0]!.includes(iso) || mentions[0]!.includes(http),
    `The deprecation notice "${mentions[0]!.slice(0, 200)}" does not give the sunset date (${iso}, from the Sunset header). The date is what lets someone plan the migration.`,
  );
}, { task: 5 });

lab.check('does not follow the 308 into another API version, and names the successor', 8, async (t) => {
  const sync = dealSyncFor(t);
  await completedRun(sync, 'before the move');
  const { deals, quarantine } = platformStores(t);
  const before = deals.size;
  const snapshot = JSON.stringify(deals.all());
  await advanceInto(t, 'v1-deals-moved');
  const moved = await runSync(sync);
  const followed = (await t.acme.journal()).apiRequests().filter((e) => e.path.startsWith('/v2/'));
  ensure(
    followed.length === 0,
    `GET /v1/deals answered 308 with Location /v2/deals, and the sync followed it (${plural(followed.length, 'request')} to ${followed[0]?.path}). /v2 is another API version with another shape: treat the move as a migration to plan, not a redirect to follow (axios: maxRedirects: 0).`,
  );
  ensure(!moved.ok, `syncDeals() resolved with ${JSON.stringify(moved.ok && moved.value)?.slice(0, 120)} although GET /v1/deals answered 308. Reject, so the job shows as failed.`);
  ensure(/\/v2\/deals/.test(describeError(moved.error)), `syncDeals() rejected with "${describeError(moved.error)}", which does not name the successor. Take it from the Link (rel="successor-version") or Location header and put it in the error.`);
  ensure(JSON.stringify(deals.all()) === snapshot, `The failed run changed the deal store (${before} deals before, ${deals.size} after). Leave what you have alone when Acme moves the endpoint.`);
  ensure(quarantine.size === 0, `${plural(quarantine.size, 'record')} were quarantined during the move, though no record was read.`);
}, { task: 6 });

lab.check('stops at 410 Gone, names the successor and keeps what it has', 8, async (t) => {
  const sync = dealSyncFor(t);
  await completedRun(sync, 'before the removal');
  const { deals, quarantine } = platformStores(t);
  const before = deals.size;
  const snapshot = JSON.stringify(deals.all());
  await advanceInto(t, 'v1-deals-gone');
  const gone = await runSync(sync);
  ensure(!gone.ok, `GET /v1/deals answered 410 Gone and syncDeals() resolved with ${JSON.stringify(gone.ok && gone.value)?.slice(0, 120)}. An endpoint that is gone is not an empty list: reject.`);
  ensure(/\/v2\/deals/.test(describeError(gone.error)), `syncDeals() rejected with "${describeError(gone.error)}" on 410 Gone, which does not name the successor. Acme named it in the Link header (rel="successor-version"): put it in the error.`);
  ensure(JSON.stringify(deals.all()) === snapshot, `The deal store changed when the endpoint was gone (${before} deals before, ${deals.size} after). Stale data is better than no data: keep it until the migration.`);
  ensure(quarantine.size === 0, `${plural(quarantine.size, 'record')} were quarantined on a 410, though no record was read.`);
  const v1 = (await t.acme.journal()).apiRequests({ path: '/v1/deals' });
  const goneAt = v1.findIndex((e) => e.status === 410);
  const after = goneAt < 0 ? 0 : v1.length - goneAt - 1;
  ensure(
    after === 0,
    `After GET /v1/deals answered 410 Gone, the sync sent ${plural(after, 'more request')} to /v1/deals. Gone is permanent: a retry cannot bring it back and only spends your rate limit. Stop at the first 410 and reject.`,
  );
}, { task: 6 });
