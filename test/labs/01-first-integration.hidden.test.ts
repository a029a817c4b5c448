import type { AcmeContact, Lab01 } from '../../labs/01-first-integration/contract.ts';
import { ensure, plural } from '../harness/check-failure.ts';
import { gradedLab } from '../harness/graded-lab.ts';
import { clientFor, describeError, expectedCustomer, settle } from './support/lab-01.ts';

const lab = gradedLab<Lab01>('01-first-integration');

lab.check('gets a new token when the vendor says the old one expired', 6, async (t) => {
  const client = clientFor(t);
  await client.getContact('ct_000001');
  await t.acme.expireTokens();
  const result = await settle(client.getContact('ct_000002'));
  ensure(result.ok, () => `After the vendor expired the token, getContact() failed: ${describeError(!result.ok && result.error)}. On 401 invalid_token, get a new token and retry once.`);
  const tokens = (await t.acme.journal()).tokenRequests().length;
  ensure(tokens === 2, `The client made ${plural(tokens, 'token request')}; expected 2 (the first, and one after the expiry).`);
}, { task: 6 });

lab.check('reads every page even when one page is slow', 4, async (t) => {
  await t.acme.setRules([{ match: { method: 'GET', path: '/v1/contacts' }, when: { afterN: 1, times: 1 }, fault: 'latency', options: { latencyMs: 700 } }]);
  const result = await settle(clientFor(t, { VENDOR_TIMEOUT_MS: '3000' }).listAllContacts());
  ensure(result.ok, () => `With one page taking 700 ms and VENDOR_TIMEOUT_MS=3000, listAllContacts() failed: ${describeError(!result.ok && result.error)}. Use the configured timeout, not a shorter one.`);
  const held = (await t.acme.data('contacts')).length;
  ensure(result.value.length === held, `listAllContacts() returned ${result.value.length} of ${held} contacts.`);
}, { task: [2,  7] });

lab.check('maps a contact with every optional field empty', 4, (t) => {
  const sparse = {
    id: 'ct_900001',
    first_name: '  Mary ',
    last_name: 'Jackson',
    email: ' Mary.Jackson@Example.COM ',
    phone: null,
    company: null,
    status: 4,
    country: null,
    opt_in: 'N' as const,
    created_at: '2024-02-29T23:30:00-02:00',
    updated_at: '2024-03-01T10:00:00Z',
  };
  const expected = expectedCustomer(sparse);
  let got: Record<string, unknown> = {};
  try {
    got = t.lab.toCustomer(sparse) as unknown as Record<string, unknown>;
  } catch (error) {
    ensure(false, `toCustomer() threw on a contact with null phone, company and country: ${describeError(error)}`);
  }
  for (const [field, value] of Object.entries(expected)) {
    ensure(JSON.stringify(got[field]) === JSON.stringify(value), `toCustomer() gave ${field} = ${JSON.stringify(got[field])} for ${JSON.stringify(sparse)}; expected ${JSON.stringify(value)}.`);
  }
}, { task: 5 });

lab.check('maps blank phone, company and country to null, and upper-cases the country', 4, (t) => {
  const base = {
    id: 'ct_blank',
    first_name: 'Katherine',
    last_name: 'Johnson',
    email: 'katherine.johnson@example.com',
    status: 2,
    opt_in: 'Y' as const,
    created_at: '2024-05-01T09:00:00Z',
    updated_at: '2024-05-01T09:00:00Z',
  };
  const cases: { contact: AcmeContact; what: string }[] = [
    { contact: { ...base, phone: '', company: '', country: '' }, what: 'empty phone, company and country' },
    { contact: { ...base, phone: '', company: '   ', country: 'de' }, what: 'an empty phone, a blank company and a lower-case country' },
  ];
  for (const { contact, what } of cases) {
    const expected = expectedCustomer(contact);
    let got: Record<string, unknown> = {};
    try {
      got = t.lab.toCustomer(contact) as unknown as Record<string, unknown>;
    } catch (error) {
      ensure(false, `toCustomer() threw on a contact with ${what}: ${describeError(error)}`);
    }
    for (const field of ['phone', 'company', 'country'] as const) {
      ensure(
        JSON.stringify(got[field]) === JSON.stringify(expected[field]),
        `For a contact with ${what}, toCustomer() gave ${field} = ${JSON.stringify(got[field])}; the mapping table says ${JSON.stringify(expected[field])} (an empty value is null, the country upper-cased). Acme sends "" as often as null.`,
      );
    }
  }
}, { task: 5 });
