import type { RuleInput } from '../engine/rule.ts';
import { defineScenario } from './scenario.ts';

/** The header every API call needs in lab 03; no edition of the docs mentions it. Any value will do. */
export const REQUIRED_HEADER = 'Acme-Version';

const versionRequired = (version: 'v1' | 'v2'): RuleInput => ({
  id: `${REQUIRED_HEADER.toLowerCase()}-required-${version}`,
  description: `Every /${version} call without ${REQUIRED_HEADER} gets a bare 400.`,
  match: { path: `/${version}/**`, headers: { [REQUIRED_HEADER]: '' } },
  fault: 'require-header',
  options: { header: REQUIRED_HEADER },
});

/**
 * Lab 03: the docs and the API disagree. `/docs` serves the "unclear" edition (silent on how an
 * expired token is refused, paging parameter called `page_token`); the API reads `cursor` and
 * silently ignores `page_token`, answers an expired token with 403 `session_expired`, and refuses
 * every call without `Acme-Version` with a 400 that names nothing (not even the fault: no
 * `X-Acme-Fault` header in this scenario). Two-minute tokens, so a learner
 * can watch one expire; a tight rate limit, so a client stuck on the first page stops soon.
 */
export const unclearDocs = defineScenario({
  name: '03-unclear-docs',
  description:
    'Lab 03: the "unclear" docs; every API call needs Acme-Version (a bare 400 without it); an expired token gets 403 session_expired; page_token is ignored (cursor pages); 2-minute tokens, 230 contacts, 120 requests a minute.',
  seed: 301,
  settings: {
    tokenTtlSeconds: 120,
    seedContacts: 230,
    seedDeals: 8,
    rateLimit: { limit: 120, windowSeconds: 60 },
    docsVariant: 'unclear',
    expiredTokenSignal: '403-session-expired',
    announceFaults: false,
  },
  rules: [versionRequired('v1'), versionRequired('v2')],
});
