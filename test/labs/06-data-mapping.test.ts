import type { Customer, Lab06, Opportunity, UnknownStatusPolicy } from '../../labs/06-data-mapping/contract.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import {
  balanceProblems,
  ensureNone,
  judgeFixture,
  judgePolicy,
  mapBatch,
  reverseProblems,
  roundTripProblems,
  visibleFixture,
  type FixtureCase,
  type Kind,
  type PolicyCase,
} from './support/lab-06.ts';

const lab = gradedLab<Lab06>('06-data-mapping');
const contacts = visibleFixture<{ cases: FixtureCase[] }>('contacts.json').cases;
const deals = visibleFixture<{ cases: FixtureCase[] }>('deals.json').cases;
const unknown = visibleFixture<{ contacts: PolicyCase[]; deals: PolicyCase[] }>('unknown-status.json');
const reverse = visibleFixture<{ contacts: { customer: Customer; vendor: never }[]; deals: { opportunity: Opportunity; vendor: never }[] }>('reverse.json');

const policyCases = (lab: Lab06, policy: UnknownStatusPolicy) => [
  ...judgePolicy(lab, 'contact', unknown.contacts, policy, { unknownStatus: policy }),
  ...judgePolicy(lab, 'deal', unknown.deals, policy, { unknownStatus: policy }),
];

lab.check('loads and exports mapContacts, mapDeals, toVendorContact and toVendorDeal', 2, () => {}, { task: [1, 5, 6], baseline: true });

lab.check('maps the visible contact fixtures field for field', 12, ({ lab }) => {
  ensureNone(judgeFixture(lab, 'contact', contacts, 'mapped'), contacts.length, 'fixtures/contacts.json');
}, { task: 1 });

lab.check('maps the visible deal fixtures field for field', 12, ({ lab }) => {
  ensureNone(judgeFixture(lab, 'deal', deals, 'mapped'), deals.length, 'fixtures/deals.json');
}, { task: 5 });

lab.check('rejects each bad record with every reason code and a message', 10, ({ lab }) => {
  ensureNone([...judgeFixture(lab, 'contact', contacts, 'rejected'), ...judgeFixture(lab, 'deal', deals, 'rejected')], contacts.length + deals.length, 'the visible fixtures');
}, { task: [2, 3] });

lab.check('accounts for every record: mapped plus rejected equals input', 6, ({ lab }) => {
  const batches: [Kind, { input: never }[]][] = [['contact', contacts as never], ['deal', deals as never], ['contact', unknown.contacts as never], ['deal', unknown.deals as never]];
  const problems = batches.flatMap(([kind, cases]) =>
    (['fail', 'default', 'ignore'] as const).flatMap((policy) => {
      const inputs = cases.map((c) => c.input);
      const what = `${kind === 'contact' ? 'mapContacts' : 'mapDeals'}(${inputs.length} records, { unknownStatus: "${policy}" })`;
      return balanceProblems(inputs, mapBatch(lab, kind, inputs, { unknownStatus: policy }), what);
    }),
  );
  ensureNone(problems, batches.reduce((n, [, c]) => n + c.length, 0), 'the visible fixtures, under each policy');
}, { task: 2 });

lab.check('rejects an unknown status under the "fail" policy, which is the default', 5, ({ lab }) => {
  const problems = [
    ...policyCases(lab, 'fail'),
    ...judgePolicy(lab, 'contact', unknown.contacts, 'fail'),
    ...judgePolicy(lab, 'deal', unknown.deals, 'fail', {}),
  ];
  ensureNone(problems, unknown.contacts.length + unknown.deals.length, 'fixtures/unknown-status.json');
}, { task: 4 });

lab.check('maps an unknown status to "lead" or "open" under the "default" policy', 5, ({ lab }) => {
  ensureNone(policyCases(lab, 'default'), unknown.contacts.length + unknown.deals.length, 'fixtures/unknown-status.json');
}, { task: 4 });

lab.check('keeps a record with an unknown status, status null, under the "ignore" policy', 5, ({ lab }) => {
  ensureNone(policyCases(lab, 'ignore'), unknown.contacts.length + unknown.deals.length, 'fixtures/unknown-status.json');
}, { task: 4 });

lab.check('round-trips customers and opportunities through the reverse mapping', 8, ({ lab }) => {
  const customers = contacts.flatMap((c) => (c.mapped ? [c.mapped as Customer] : []));
  const opportunities = deals.flatMap((c) => (c.mapped ? [c.mapped as Opportunity] : []));
  const problems = [
    ...reverseProblems(lab, 'contact', reverse.contacts.map((p) => ({ platform: p.customer, vendor: p.vendor }))),
    ...reverseProblems(lab, 'deal', reverse.deals.map((p) => ({ platform: p.opportunity, vendor: p.vendor }))),
    ...roundTripProblems(lab, 'contact', customers),
    ...roundTripProblems(lab, 'deal', [...opportunities, ...reverse.deals.map((p) => p.opportunity).filter((o) => !opportunities.some((x) => x.externalId === o.externalId))]),
  ];
  ensureNone(problems, customers.length + opportunities.length + reverse.deals.length, 'the reversible fixtures');
}, { task: 6 });
