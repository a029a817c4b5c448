import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AcmeContactRecord, AcmeDealRecord, Customer, Lab06, MappingOptions, MappingResult, Opportunity, UnknownStatusPolicy } from '../../../labs/06-data-mapping/contract.ts';
import { ensure, plural } from '../../harness/check-failure.ts';
import { REPO_ROOT } from '../../harness/lab-target.ts';

export type Kind = 'contact' | 'deal';
type Input = AcmeContactRecord | AcmeDealRecord;
type Output = Customer | Opportunity;
export interface ExpectedReason {
  field: string;
  code: string;
}
export interface FixtureCase {
  why: string;
  input: Input;
  mapped?: Output;
  rejected?: ExpectedReason[];
}
export interface PolicyCase {
  input: Input;
  mapped: Output | null;
  byPolicy: Record<UnknownStatusPolicy, { rejected?: ExpectedReason[] } & Record<string, unknown>>;
}

const readJson = <T>(...path: string[]) => JSON.parse(readFileSync(join(REPO_ROOT, ...path), 'utf8')) as T;
export const visibleFixture = <T>(name: string) => readJson<T>('labs', '06-data-mapping', 'fixtures', name);
export const hiddenFixture = <T>(name: string) => readJson<T>('test', 'fixtures', 'lab-06', name);

/** Where each platform field comes from, to show the learner the input that went wrong. */
const SOURCES: Record<string, string[]> = {
  firstName: ['full_name'],
  lastName: ['full_name'],
  email: ['email'],
  phone: ['phone', 'country'],
  company: ['company'],
  country: ['country'],
  lifecycle: ['status'],
  marketingOptIn: ['opt_in'],
  createdAt: ['created_at'],
  customerExternalId: ['contact_id'],
  title: ['title'],
  stage: ['stage'],
  closeDate: ['close_date'],
};

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
const money = (value: unknown) => {
  const m = value as { value?: unknown; currency?: unknown } | null | undefined;
  return m && typeof m === 'object' ? `"${String(m.value)} ${String(m.currency)}"` : show(value);
};

/** "record dl_2002: amount 1999 JPY became "19.99 JPY"; JPY has no minor unit → "1999 JPY"". */
export function fieldMismatches(input: Input, expected: Output, got: Output, why: string): string[] {
  const record = input as unknown as Record<string, unknown>;
  const actual = got as unknown as Record<string, unknown>;
  return Object.entries(expected).flatMap(([field, value]) => {
    if (JSON.stringify(actual[field]) === JSON.stringify(value)) return [];
    if (field === 'amount') {
      return [`record ${input.id}: amount ${show(record['amount'])} ${String(record['currency'])} became ${money(actual[field])}; ${why} → ${money(value)}`];
    }
    const from = (SOURCES[field] ?? ['id']).map((source) => `${source} ${show(record[source])}`).join(' with ');
    return [`record ${input.id}: ${from} became ${field} ${show(actual[field])}; ${why} → ${show(value)}`];
  });
}

/**
 * Deals whose amounts sit at the top of what a JS number holds exactly (Number.MAX_SAFE_INTEGER is
 * 9007199254740991), in each decimals class: divided or multiplied as a float, each of the 2- and
 * 3-decimal ones comes out a minor unit off. Past MAX_SAFE_INTEGER an amount is not safe, so invalid.
 */
const NEAR_MAX_SAFE: [amount: number, currency: string, value: string][] = [
  [9007199254740991, 'USD', '90071992547409.91'],
  [9007199254740990, 'USD', '90071992547409.90'],
  [9007199254740982, 'EUR', '90071992547409.82'],
  [9007199254740001, 'GBP', '90071992547400.01'],
  [9007199254740991, 'KWD', '9007199254740.991'],
  [9007199254740989, 'BHD', '9007199254740.989'],
  [9007199254740001, 'OMR', '9007199254740.001'],
  [9007199254740991, 'JPY', '9007199254740991'],
  [9007199254740990, 'KRW', '9007199254740990'],
];
const PAST_MAX_SAFE: [amount: number, currency: string][] = [
  [2 ** 53, 'USD'],
  [2 ** 53 + 2, 'JPY'],
];

export function largeAmountCases(): (FixtureCase & { input: AcmeDealRecord })[] {
  const deal = (n: number, amount: number, currency: string): AcmeDealRecord => ({
    id: `dl_${9000 + n}`,
    contact_id: 'ct_9000',
    title: 'Sovereign fund mandate',
    amount,
    currency,
    stage: 1,
    close_date: null,
    created_at: '2024-03-10T09:15:00Z',
  });
  const mapped = NEAR_MAX_SAFE.map(([amount, currency, value], n) => {
    const input = deal(n + 1, amount, currency);
    const opportunity: Opportunity = { externalId: input.id, customerExternalId: 'ct_9000', title: input.title!, amount: { value, currency }, stage: 'open', closeDate: null, createdAt: '2024-03-10T09:15:00.000Z' };
    return { why: `${amount} is within Number.MAX_SAFE_INTEGER, so every digit is kept: move the decimal point in the digits, never through a float`, input, mapped: opportunity };
  });
  const rejected = PAST_MAX_SAFE.map(([amount, currency], n) => ({
    why: `${amount} is past Number.MAX_SAFE_INTEGER (9007199254740991), so it is not safe as a JS integer`,
    input: deal(NEAR_MAX_SAFE.length + n + 1, amount, currency),
    rejected: [{ field: 'amount', code: 'invalid_amount' }],
  }));
  return [...mapped, ...rejected];
}

/** Runs a mapping, turning a crash into feedback that names the batch. */
export function mapOrFail<T>(what: string, run: () => MappingResult<T>): MappingResult<T> {
  let result: MappingResult<T>;
  try {
    result = run();
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    ensure(false, `${what} threw instead of returning { mapped, rejected }: ${message}. A bad record is rejected with a reason; it never stops the batch.`);
  }
  ensure(Array.isArray(result?.mapped) && Array.isArray(result?.rejected), `${what} returned ${show(result)}; return { mapped: [...], rejected: [...] }.`);
  return result;
}

export function mapBatch(lab: Lab06, kind: Kind, inputs: readonly Input[], options?: MappingOptions): MappingResult<Output> {
  const name = kind === 'contact' ? 'mapContacts' : 'mapDeals';
  const what = `${name}(${plural(inputs.length, 'record')}${options ? `, ${JSON.stringify(options)}` : ''})`;
  return kind === 'contact'
    ? mapOrFail<Output>(what, () => lab.mapContacts(inputs as AcmeContactRecord[], options))
    : mapOrFail<Output>(what, () => lab.mapDeals(inputs as AcmeDealRecord[], options));
}

/** What went wrong for one record that should have been mapped. */
export function judgeMapped(result: MappingResult<Output>, index: number, input: Input, expected: Output, why: string): string[] {
  const rejection = result.rejected.find((r) => r.index === index);
  if (rejection) {
    return [`record ${input.id} was rejected (${rejection.reasons?.map((r) => `${r.field}: ${r.code}`).join(', ') || 'no reasons'}), but it should map (${why}).`];
  }
  const got = result.mapped.find((m) => m.externalId === input.id);
  if (!got) return [`record ${input.id} is neither mapped nor rejected: it vanished. It should map (${why}).`];
  return fieldMismatches(input, expected, got, why);
}

/** What went wrong for one record that should have been rejected. */
export function judgeRejected(result: MappingResult<Output>, index: number, input: Input, expected: readonly ExpectedReason[], why: string): string[] {
  const want = expected.map((r) => `${r.field}: ${r.code}`).sort();
  const rejection = result.rejected.find((r) => r.index === index);
  if (!rejection) {
    const mapped = result.mapped.some((m) => m.externalId === input.id) && expected[0]?.code !== 'duplicate_id';
    return [`record ${input.id} (index ${index}) should be rejected with ${want.join(' and ')} (${why}), but it was ${mapped ? 'mapped' : 'not rejected at that index'}.`];
  }
  const problems: string[] = [];
  if (rejection.externalId !== input.id) problems.push(`the rejection at index ${index} names externalId ${show(rejection.externalId)}; the record's id is "${input.id}".`);
  const reasons = Array.isArray(rejection.reasons) ? rejection.reasons : [];
  const got = reasons.map((r) => `${r?.field}: ${r?.code}`).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    problems.push(`record ${input.id} was rejected with [${got.join(', ') || 'no reasons'}]; expected [${want.join(', ')}] (${why}). Report every problem, each with the vendor's field name and a code from the README.`);
  }
  const bare = reasons.filter((r) => typeof r?.message !== 'string' || r.message.trim() === '' || r.message.trim() === r.code);
  if (bare.length > 0) problems.push(`record ${input.id}: the reason for ${bare.map((r) => r?.field).join(', ')} has no message. Say what was wrong with which value, for whoever fixes the source record.`);
  return problems;
}

/** Fails with the first few problems and how many there were in all. */
export function ensureNone(problems: readonly string[], total: number, what: string): void {
  ensure(
    problems.length === 0,
    () => `${plural(problems.length, 'problem')} in ${plural(total, 'record')} of ${what}:\n  - ${problems.slice(0, 4).join('\n  - ')}${problems.length > 4 ? `\n  … and ${problems.length - 4} more` : ''}`,
  );
}

/** Judges a fixture file's cases, mapped as one batch with the default options. */
export function judgeFixture(lab: Lab06, kind: Kind, cases: readonly FixtureCase[], which: 'mapped' | 'rejected' | 'both'): string[] {
  const result = mapBatch(lab, kind, cases.map((c) => c.input));
  return cases.flatMap((c, index) => {
    if (c.mapped && which !== 'rejected') return judgeMapped(result, index, c.input, c.mapped, c.why);
    if (c.rejected && which !== 'mapped') return judgeRejected(result, index, c.input, c.rejected, c.why);
    return [];
  });
}

/** Judges the unknown-status cases under one policy (`undefined`: no options at all). */
export function judgePolicy(lab: Lab06, kind: Kind, cases: readonly PolicyCase[], policy: UnknownStatusPolicy, options?: MappingOptions): string[] {
  const result = mapBatch(lab, kind, cases.map((c) => c.input), options);
  const why = `unknownStatus ${options?.unknownStatus ? `"${policy}"` : 'not set, so "fail"'}`;
  return cases.flatMap((c, index) => {
    const { rejected, ...fields } = c.byPolicy[policy];
    if (rejected) return judgeRejected(result, index, c.input, rejected, why);
    return judgeMapped(result, index, c.input, { ...c.mapped!, ...fields } as Output, why);
  });
}

/** Every input accounted for exactly once: mapped (in order) or rejected at its index. */
export function balanceProblems(inputs: readonly Input[], result: MappingResult<Output>, what: string): string[] {
  const n = inputs.length;
  const rejectedAt = new Set(result.rejected.map((r) => r.index));
  const problems: string[] = [];
  if (result.mapped.length + result.rejected.length !== n) {
    problems.push(`${what} got ${n} records and returned ${result.mapped.length} mapped + ${result.rejected.length} rejected = ${result.mapped.length + result.rejected.length}.`);
  }
  if (rejectedAt.size !== result.rejected.length || [...rejectedAt].some((i) => !Number.isInteger(i) || i < 0 || i >= n)) {
    problems.push(`${what} returned rejections whose indexes are repeated or outside 0…${n - 1}: ${JSON.stringify(result.rejected.map((r) => r.index))}.`);
  }
  const kept = inputs.filter((_, i) => !rejectedAt.has(i)).map((r) => r.id);
  const mapped = result.mapped.map((m) => m?.externalId);
  if (JSON.stringify(kept) !== JSON.stringify(mapped)) {
    const vanished = inputs.map((r, i) => ({ id: r.id, i })).filter(({ id, i }) => !rejectedAt.has(i) && !mapped.includes(id));
    problems.push(
      vanished.length > 0
        ? `${what}: ${vanished.slice(0, 3).map((v) => `${v.id} (index ${v.i})`).join(', ')} ${vanished.length === 1 ? 'was' : 'were'} neither mapped nor rejected. Nothing may be dropped silently: reject it with a reason.`
        : `${what}: the mapped records are not the unrejected inputs in input order (expected ${kept.slice(0, 5).join(', ')}…, got ${mapped.slice(0, 5).join(', ')}…).`,
    );
  }
  return problems;
}

/** Reverse, then forward again: the platform record must come back unchanged. */
export function roundTripProblems(lab: Lab06, kind: Kind, records: readonly Output[]): string[] {
  const reverse = (o: Output) => (kind === 'contact' ? lab.toVendorContact(o as Customer) : lab.toVendorDeal(o as Opportunity));
  const name = kind === 'contact' ? 'toVendorContact' : 'toVendorDeal';
  const rows: Input[] = [];
  for (const record of records) {
    try {
      rows.push(reverse(record));
    } catch (error) {
      return [`${name}(${record.externalId}) threw: ${error instanceof Error ? error.message : String(error)}`];
    }
  }
  const result = mapBatch(lab, kind, rows);
  return records.flatMap((record, index) =>
    judgeMapped(result, index, rows[index]!, record, `${name} then ${kind === 'contact' ? 'mapContacts' : 'mapDeals'} must give the record back unchanged`),
  );
}

/** toVendorContact / toVendorDeal against the rows a fixture says they must produce. */
export function reverseProblems(lab: Lab06, kind: Kind, pairs: readonly { platform: Output; vendor: Partial<Input> }[]): string[] {
  const name = kind === 'contact' ? 'toVendorContact' : 'toVendorDeal';
  return pairs.flatMap(({ platform, vendor }) => {
    let got: Record<string, unknown>;
    try {
      got = (kind === 'contact' ? lab.toVendorContact(platform as Customer) : lab.toVendorDeal(platform as Opportunity)) as unknown as Record<string, unknown>;
    } catch (error) {
      return [`${name}(${platform.externalId}) threw: ${error instanceof Error ? error.message : String(error)}`];
    }
    return Object.entries(vendor).flatMap(([field, value]) =>
      JSON.stringify(got[field]) === JSON.stringify(value) ? [] : [`record ${platform.externalId}: ${name} wrote ${field} ${show(got[field])}; the reverse table says ${show(value)}.`],
    );
  });
}
