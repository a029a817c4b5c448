import { setTimeout as sleep } from 'node:timers/promises';
import axios, { type AxiosResponse } from 'axios';
import type { Finding, Findings, ProbeDeps } from '../../labs/03-unclear-docs/contract.ts';
import { ACME_VERSION, readConfig } from './config.ts';

type Probe = () => Promise<Finding | undefined>;

const idOf = (response: AxiosResponse) => String(response.headers['x-request-id']);
const describe = (response: AxiosResponse) => `${response.status}${response.data?.code ? ` ${response.data.code}` : ''} (${idOf(response)})`;

/** Reruns each experiment against Acme; a finding is returned only while Acme still behaves that way. */
export async function findGaps({ env = process.env, logger, wait = (ms) => sleep(ms) }: ProbeDeps = {}): Promise<Findings> {
  const config = readConfig(env);
  const http = axios.create({ baseURL: config.baseUrl, timeout: config.timeoutMs, validateStatus: () => true });
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'contacts:read' });
  const grant = await http.post('/oauth/token', form, { auth: { username: config.clientId, password: config.clientSecret } });
  if (grant.status !== 200) throw new Error(`Could not get a token to probe with: ${describe(grant)}`);
  const listContacts = (params: Record<string, string | number>, headers: Record<string, string> = { 'Acme-Version': ACME_VERSION }) =>
    http.get('/v1/contacts', { params, headers: { Authorization: `Bearer ${grant.data.access_token}`, ...headers } });

  const requiredHeader: Probe = async () => {
    const without = await listContacts({ limit: 1 }, {});
    const withHeader = await listContacts({ limit: 1 });
    if (without.status !== 400 || withHeader.status !== 200) return undefined;
    return {
      gap: 'required-header',
      docsSay: 'Nothing: no header besides Authorization is mentioned for API calls.',
      actually: `Every API call needs an Acme-Version header (any value; the vendor's .http file sends ${ACME_VERSION}). Without it Acme answers 400 bad_request with the detail "Bad Request".`,
      howFound: `The vendor's .http requests worked and mine did not. Removing its headers one at a time, only Acme-Version mattered: the same GET /v1/contacts?limit=1 with the same token was ${describe(without)} without it and ${describe(withHeader)} with it.`,
      requestIds: [idOf(without), idOf(withHeader)],
    };
  };

  const pagingParameter: Probe = async () => {
    const first = await listContacts({ limit: 2 });
    const cursor = first.data?.next_cursor as string;
    const asDocumented = await listContacts({ limit: 2, page_token: cursor });
    const asLinked = await listContacts({ limit: 2, cursor });
    const firstId = first.data?.data?.[0]?.id;
    if (asDocumented.data?.data?.[0]?.id !== firstId || asLinked.status !== 200 || asLinked.data.data[0]?.id === firstId) return undefined;
    return {
      gap: 'paging-parameter',
      docsSay: 'Pass the previous page\'s next_cursor as page_token.',
      actually: 'The parameter is cursor (as in the Link rel="next" header). page_token is silently ignored: Acme answers 200 with the first page again, so a loop that trusts the docs never ends.',
      howFound: `Asked for page 2 both ways with the same next_cursor: page_token gave the first page again ${describe(asDocumented)}, cursor gave the next page ${describe(asLinked)}.`,
      requestIds: [idOf(asDocumented), idOf(asLinked)],
    };
  };

  const expiredTokenSignal: Probe = async () => {
    const live = await listContacts({ limit: 1 });
    await wait((grant.data.expires_in + 1) * 1000);
    const expired = await listContacts({ limit: 1 });
    if (live.status !== 200 || expired.status !== 403) return undefined;
    return {
      gap: 'expired-token-signal',
      docsSay: 'Tokens expire after expires_in seconds; nothing about how Acme refuses one. The operations list only 401s for bad tokens.',
      actually: `An expired token gets 403 with problem code ${expired.data?.code}, not a 401, and no WWW-Authenticate header. A 403 insufficient_scope is a different thing: refresh only on ${expired.data?.code}.`,
      howFound: `Used one token before and after its expires_in ran out: ${describe(live)}, then ${describe(expired)}.`,
      requestIds: [idOf(live), idOf(expired)],
    };
  };

  const findings: Finding[] = [];
  for (const probe of [requiredHeader, pagingParameter, expiredTokenSignal]) {
    const finding = await probe();
    if (finding) findings.push(finding);
    else logger?.warn({ probe: probe.name }, 'Acme no longer behaves as this probe found: check the docs and findings.json again');
  }
  return { probedAt: new Date().toISOString(), baseUrl: config.baseUrl, findings };
}
