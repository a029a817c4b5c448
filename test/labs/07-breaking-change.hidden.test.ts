import type { Lab07 } from '../../labs/07-breaking-change/contract.ts';
import type { RuleInput } from '../../mock-vendor/engine/rule.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { alertText, completedRun, corruptedRecords, KEEP_GOING, dealsBrokenBy, dealSyncFor, describeCorrupted, driftAlerts, platformStores } from './support/lab-07.ts';

const lab = gradedLab<Lab07>('07-breaking-change');

lab.check('quarantines exactly the changed deals on another seed, when GBP amounts drift', 8, async (t) => {
  const other = await t.newTenant({ seed: t.seed + 1 });
  const drift: RuleInput = { match: { method: 'GET', path: '/v1/deals' }, fault: 'schema-drift', options: { stringify: ['amount'], where: { field: 'currency', in: ['GBP'] } } };
  await other.acme.setRules([drift]);
  await completedRun(dealSyncFor(t, other), `on seed ${t.seed + 1} with GBP amounts sent as strings`, KEEP_GOING);
  const expected = await dealsBrokenBy(other, drift);
  const { deals, quarantine } = platformStores(t);
  const got = quarantine.all().map((q) => String(q?.externalId));
  const wrong = [...expected.filter((id) => !got.includes(id)), ...got.filter((id) => !expected.includes(id))];
  ensure(wrong.length === 0, `On seed ${t.seed + 1}, ${plural(expected.length, 'GBP deal')} changed shape and ${plural(got.length, 'deal')} were quarantined; ${plural(wrong.length, 'deal')} are on one side only (e.g. ${wrong.slice(0, 3).join(', ')}). Validate each record on its own.`);
  const corrupted = await corruptedRecords(other, deals);
  ensure(corrupted.length === 0, () => `${describeCorrupted(corrupted)}. Validate every record before writing it, whatever the currency; a record that fails goes to quarantine.`);
}, { task: 3 });

lab.check('names a renamed field in one alert, however many runs show it', 8, async (t) => {
  const rename: RuleInput = { match: { method: 'GET', path: '/v1/deals' }, fault: 'schema-drift', options: { renames: { title: 'deal_name' }, where: { field: 'currency', in: ['EUR'] } } };
  await t.acme.setRules([rename]);
  const sync = dealSyncFor(t);
  await completedRun(sync, 'with title renamed to deal_name on EUR deals', KEEP_GOING);
  await completedRun(sync, 'a second time with the same rename', KEEP_GOING);
  const expected = await dealsBrokenBy(t, rename);
  const { deals, quarantine } = platformStores(t);
  const corrupted = await corruptedRecords(t, deals);
  ensure(corrupted.length === 0, () => `${describeCorrupted(corrupted)}. A renamed field is a missing field to your schema: quarantine the record.`);
  ensure(quarantine.size === expected.length, `${plural(expected.length, 'EUR deal')} lost their title (renamed deal_name) and ${plural(quarantine.size, 'deal')} were quarantined. Quarantine record by record: only the deals that fail your schema, so the rest of the page still syncs.`);
  const alerts = driftAlerts(t);
  ensure(alerts.length === 1, `Two runs that met the same rename raised ${plural(alerts.length, 'drift alert')}. Remember what you already reported: the second night should not page anyone again.`);
  ensure(/\btitle\b/.test(alertText(alerts[0]!)), `The drift alert "${alerts[0]!.message}" does not name the field that disappeared, title. Put the field and the change in the alert ("deals.title: missing"), so whoever is paged knows where to look.`);
}, { task: 4 });
