import type { Customer, Lab06, Opportunity } from '../../labs/06-data-mapping/contract.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { balanceProblems, ensureNone, hiddenFixture, judgeFixture, largeAmountCases, mapBatch, reverseProblems, roundTripProblems, type FixtureCase } from './support/lab-06.ts';

const lab = gradedLab<Lab06>('06-data-mapping');
const contacts = hiddenFixture<{ cases: FixtureCase[] }>('contacts.json').cases;
const deals = hiddenFixture<{ cases: FixtureCase[] }>('deals.json').cases;
const generated = hiddenFixture<{ contacts: FixtureCase[]; deals: FixtureCase[] }>('generated.json');

lab.check('maps and rejects a second set of awkward contacts exactly', 8, ({ lab }) => {
  ensureNone(judgeFixture(lab, 'contact', contacts, 'both'), contacts.length, 'the hidden contacts');
}, { task: [1, 2, 3] });

lab.check('maps and rejects a second set of awkward deals exactly', 8, ({ lab }) => {
  ensureNone(judgeFixture(lab, 'deal', deals, 'both'), deals.length, 'the hidden deals');
}, { task: [2, 3, 5] });

lab.check('maps a seeded export of 100 generated records exactly, with balanced counts', 8, ({ lab }) => {
  const problems = [
    ...judgeFixture(lab, 'contact', generated.contacts, 'both'),
    ...judgeFixture(lab, 'deal', generated.deals, 'both'),
    ...balanceProblems(generated.contacts.map((c) => c.input), mapBatch(lab, 'contact', generated.contacts.map((c) => c.input)), 'mapContacts(generated)'),
    ...balanceProblems(generated.deals.map((c) => c.input), mapBatch(lab, 'deal', generated.deals.map((c) => c.input)), 'mapDeals(generated)'),
  ];
  ensureNone(problems, generated.contacts.length + generated.deals.length, 'the generated export');
}, { task: [1, 2, 5] });

lab.check('round-trips the hidden and generated records through the reverse mapping', 4, ({ lab }) => {
  const mapped = <T>(cases: FixtureCase[]) => cases.flatMap((c) => (c.mapped ? [c.mapped as T] : []));
  const problems = [
    ...roundTripProblems(lab, 'contact', [...mapped<Customer>(contacts), ...mapped<Customer>(generated.contacts)]),
    ...roundTripProblems(lab, 'deal', [...mapped<Opportunity>(deals), ...mapped<Opportunity>(generated.deals)]),
  ];
  ensureNone(problems, contacts.length + deals.length + generated.contacts.length + generated.deals.length, 'the hidden records');
}, { task: 6 });

lab.check('keeps every digit of amounts up to Number.MAX_SAFE_INTEGER, both ways', 4, ({ lab }) => {
  const cases = largeAmountCases();
  const exact = cases.flatMap((c) => (c.mapped ? [{ platform: c.mapped, vendor: { amount: c.input.amount, currency: c.input.currency } }] : []));
  const problems = [...judgeFixture(lab, 'deal', cases, 'both'), ...reverseProblems(lab, 'deal', exact)];
  ensureNone(problems, cases.length, 'deals with amounts near Number.MAX_SAFE_INTEGER, mapped and mapped back');
}, { task: [5, 6] });
