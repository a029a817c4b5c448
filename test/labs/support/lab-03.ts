import { FindingsSchema, GAPS, type Finding, type Findings, type Gap, type Lab03 } from '../../../labs/03-unclear-docs/contract.ts';
import type { RuleInput } from '../../../mock-vendor/engine/rule.ts';
import type { JournalEntry } from '../../../mock-vendor/journal/journal-entry.ts';
import { REQUIRED_HEADER } from '../../../mock-vendor/scenarios/03-unclear-docs.ts';
import { ensure, plural } from '../../harness/check-failure.ts';
import type { CheckContext, TenantHandle } from '../../harness/graded-lab.ts';
import { JournalView } from '../../harness/journal-view.ts';
import { describeError, settle } from './lab-01.ts';

export { describeError, settle };

export const REAL_GAPS = ['required-header', 'expired-token-signal', 'paging-parameter'] as const satisfies readonly Gap[];
export type RealGap = (typeof REAL_GAPS)[number];
export const NOT_REAL_GAPS: readonly Gap[] = GAPS.filter((g) => !(REAL_GAPS as readonly Gap[]).includes(g));

/** The learner's client for this check's tenant (or another one), with the platform logger. */
export function clientFor(t: CheckContext<Lab03>, handle: TenantHandle = t) {
  return t.lab.createAcmeClient({ env: handle.env, logger: t.platform.logger });
}

/** Lets the tenant's time pass instantly: what the checks give `findGaps` as `wait`. */
export const moveAcmeClock = (handle: TenantHandle) => async (ms: number) => {
  ensure(Number.isFinite(ms) && ms >= 0 && ms <= 86_400_000, `findGaps() asked to wait ${ms} ms. Wait a token's lifetime (expires_in seconds), not more than a day.`);
  await handle.acme.advanceClock(ms);
};

/** Moves the tenant's clock past the lifetime of every token the client holds now. */
export async function outliveTokens(t: CheckContext<Lab03>): Promise<number> {
  const ttlSeconds = (await t.acme.settings()).tokenTtlSeconds;
  await t.acme.advanceClock((ttlSeconds + 1) * 1000);
  return ttlSeconds;
}

/** Settles work that must finish within `limitMs`, so a client stuck in a loop fails with a message. */
export async function within<T>(work: () => Promise<T>, limitMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'still running'>((resolve) => (timer = setTimeout(resolve, limitMs, 'still running')));
  const result = await settle(Promise.race([Promise.resolve().then(work), limit]));
  clearTimeout(timer);
  return result;
}

/** Runs the learner's probes against this check's tenant (or another) and checks the shape of what they return. */
export async function runProbes(t: CheckContext<Lab03>, handle: TenantHandle = t): Promise<Findings> {
  const result = await within(() => t.lab.findGaps({ env: handle.env, logger: t.platform.logger, wait: moveAcmeClock(handle) }), 10_000);
  ensure(result.ok, () => `findGaps() threw: ${describeError(!result.ok && result.error)}. Your probes must run from start to end against a fresh tenant.`);
  ensure(result.value !== 'still running', 'findGaps() was still running after 10 s. Give every request a timeout, and wait through `wait(ms)` (the checks make it instant), not a timer of your own.');
  return shaped(result.value, 'findGaps() returned');
}

/** The delivered findings.json, through `loadFindings()`. */
export function deliveredFindings(t: CheckContext<Lab03>): Findings {
  let loaded: unknown;
  try {
    loaded = t.lab.loadFindings();
  } catch (error) {
    ensure(false, `loadFindings() threw: ${describeError(error)}. Is findings.json valid JSON, next to index.ts? probe.ts writes it.`);
  }
  return shaped(loaded, 'findings.json holds');
}

function shaped(value: unknown, what: string): Findings {
  const parsed = FindingsSchema.safeParse(value);
  ensure(
    parsed.success,
    () =>
      `${what} something that is not a findings record: ${parsed.error!.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}. Each finding needs "gap" (one of ${GAPS.join(', ')}), "docsSay", "actually", "howFound" and "requestIds" (see FindingsSchema in contract.ts).`,
  );
  return parsed.data;
}

const WHERE_TO_LOOK: Record<RealGap, string> = {
  'required-header': 'Send a request from acme.http and the same request from your code: which one gets the bare 400, and which header makes the difference? Take them away one at a time.',
  'expired-token-signal': "Keep one token, use it, let its expires_in pass (wait(ms)), and use it again. Which status and code come back? Is it what the docs' 401s suggest?",
  'paging-parameter': 'Ask for page 2 the way the docs say. Is it really page 2? Look at the Link header of the first page: which parameter does it use?',
};

export function whereToLook(gap: RealGap): string {
  return WHERE_TO_LOOK[gap];
}

/** The learner's finding for a gap; fails the check when there is none. */
export function findingFor(findings: Findings, gap: RealGap, source = 'findGaps()'): Finding {
  const found = findings.findings.find((f) => f.gap === gap);
  const named = findings.findings.map((f) => f.gap);
  ensure(found, `${source} ${named.length ? `reported ${named.join(', ')}, but not "${gap}"` : `reported no gap at all, so not "${gap}" either`}. ${WHERE_TO_LOOK[gap]}`);
  return found;
}

/** The journal entries a finding cites, from the journal of the tenant the probes ran against; fails on ids Acme never saw. */
export function citedEntries(journal: JournalView, finding: Finding): JournalEntry[] {
  const byId = new Map(journal.all().map((e) => [e.requestId, e]));
  const unknown = finding.requestIds.filter((id) => !byId.has(id));
  ensure(
    unknown.length === 0,
    `Your "${finding.gap}" finding cites ${plural(unknown.length, 'request id')} Acme did not see in this run: ${unknown.slice(0, 3).join(', ')}. Cite the X-Request-Id of the requests your probes sent just now, not ids from an earlier session.`,
  );
  return finding.requestIds.map((id) => byId.get(id)!);
}

const summary = (entries: readonly JournalEntry[]) =>
  entries.map((e) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ''} → ${e.status ?? 'no answer'}${e.errorCode ? ` ${e.errorCode}` : ''}`).join('; ');
const ok = (e: JournalEntry) => e.status !== null && e.status >= 200 && e.status < 300;
const queryOf = (e: JournalEntry) => new URLSearchParams(e.query);

/** Judges a finding of one real gap against the journal of the run that produced it. */
export async function judgeFinding(handle: TenantHandle, finding: Finding): Promise<void> {
  const journal = await handle.acme.journal();
  const gap = finding.gap as RealGap;
  const says = {
    'required-header': [new RegExp(REQUIRED_HEADER, 'i').test(finding.actually), 'does not name the header Acme needs. Which one is it?'],
    'expired-token-signal': [/\b403\b/.test(finding.actually) && /session_expired/.test(finding.actually), 'does not say exactly how Acme refuses an expired token: the status and the problem code a client should branch on.'],
    'paging-parameter': [/(?<![\w])cursor\b/.test(finding.actually), 'does not name the parameter Acme really reads.'],
  } as const;
  const [named, missing] = says[gap];
  ensure(named, `Your "${gap}" finding says "${finding.actually}", which ${missing} ${WHERE_TO_LOOK[gap]}`);
  const cited = citedEntries(journal, finding);
  const seen = `The requests you cite: ${summary(cited)}.`;
  if (gap === 'required-header') {
    const refused = cited.find((e) => e.status === 400 && e.fault === 'require-header');
    ensure(refused, `${seen} None of them is the bare 400 a call without the header gets. Cite the request you sent without it.`);
    const control = cited.find((e) => ok(e) && e.method === refused.method && e.path === refused.path && JournalView.header(e, REQUIRED_HEADER) !== undefined);
    ensure(
      control,
      `${seen} One observation is not proof yet: cite a second request, the same ${refused.method} ${refused.path} with ${REQUIRED_HEADER}, that Acme answered with 2xx, so the header is shown to be the difference.`,
    );
  } else if (gap === 'expired-token-signal') {
    const refused = cited.find((e) => e.status === 403 && e.errorCode === 'session_expired');
    ensure(refused, `${seen} None of them shows an expired token being refused. ${WHERE_TO_LOOK[gap]}`);
    const control = cited.find((e) => ok(e) && e.tokenId !== null && e.tokenId === refused.tokenId && e.seq < refused.seq);
    ensure(
      control,
      `${seen} Cite also a request that the same token got through before it expired, so the expiry (and nothing else) is shown to be the difference.`,
    );
  } else {
    const ignored = cited.find((e) => e.method === 'GET' && ok(e) && queryOf(e).get('page_token') && !queryOf(e).has('cursor'));
    ensure(ignored, `${seen} None of them asks for a next page with page_token, as the docs say. Cite that request: it shows the docs' name does not work.`);
    const token = queryOf(ignored).get('page_token');
    const control = cited.find((e) => e.method === 'GET' && ok(e) && e.path === ignored.path && queryOf(e).get('cursor') === token);
    ensure(control, `${seen} Cite also the same request with cursor=<the same value>, answered with the next page, so the parameter's name is shown to be the difference.`);
  }
}

/** Acme's paging stops advancing: every page asked for with a cursor comes back with that cursor as next_cursor (a versioned call, so a client without the header still meets the bare 400). */
export const STUCK_PAGING: RuleInput = { match: { method: 'GET', path: '/v1/contacts', headers: { [REQUIRED_HEADER]: '*' } }, fault: 'stuck-cursor' };

/** What a client's paging met under STUCK_PAGING: its page requests, how many Acme answered, and the first answered with the cursor it was asked with. */
export function pagingWhenStuck(journal: JournalView) {
  const requests = journal.apiRequests({ method: 'GET', path: '/v1/contacts' });
  const answered = requests.filter(ok);
  const stuck = answered.find((e) => e.fault === 'stuck-cursor' && queryOf(e).has('cursor'));
  return { requests: requests.length, answered: answered.length, firstStuck: stuck && { requestId: stuck.requestId, cursor: queryOf(stuck).get('cursor')! } };
}

/** Hints for a client that failed, read from what Acme saw it send (a journal snapshot): empty, or a space and sentences. */
export function clientTrouble(journal: JournalView): string {
  const api = journal.apiRequests();
  const hints: string[] = [];
  const bare = api.filter((e) => e.fault === 'require-header');
  if (bare.length > 0) {
    hints.push(`${plural(bare.length, 'request')} got a bare 400 (e.g. ${bare[0]!.method} ${bare[0]!.path}): compare what your code sends with the requests in acme.http.`);
  }
  const misnamed = api.filter((e) => queryOf(e).has('page_token'));
  if (misnamed.length > 0) hints.push(`${plural(misnamed.length, 'request')} passed page_token; Acme ignores that parameter and answers with the first page again.`);
  const expired = api.filter((e) => e.errorCode === 'session_expired');
  if (expired.length > 0) hints.push(`${plural(expired.length, 'request')} got 403 session_expired (the token had expired).`);
  return hints.map((hint) => ` ${hint}`).join('');
}
