import { defineScenario } from './scenario.ts';

const LIST_V1_DEALS = { method: 'GET', path: '/v1/deals' };
const MINUTE = 60;

/**
 * Lab 07: Acme changes `/v1/deals` under a running sync, without notice, on the vendor's clock
 * (seconds since the tenant's scenario started; checks advance the clock to each step).
 * From 10 min, the "weekend release" serves USD deals with `amount` as a string and two new fields;
 * requests that pin no `Acme-Version` get the account default, which the release moved on, so every
 * amount is a string for them. From 20 min `/v1/deals` answers 308 to `/v2/deals`; from 30 min, 410.
 * `/v1/deals` has answered `Deprecation` and `Sunset` all along (resources/lifecycle.ts).
 * Rules are tried in order; the checks read the windows and the drifted records from them, by id.
 */
export const breakingChange = defineScenario({
  name: '07-breaking-change',
  description:
    'Lab 07: /v1/deals changes under the sync. From 10 min (vendor clock), USD deals come with amount as a string plus new fields (every deal, for requests without Acme-Version); from 20 min /v1/deals answers 308 to /v2/deals; from 30 min 410 Gone with a successor Link. Deprecation and Sunset headers throughout.',
  seed: 701,
  settings: { tokenTtlSeconds: 7_200, seedContacts: 20, seedDeals: 40 },
  rules: [
    {
      id: 'v1-deals-gone',
      description: '/v1/deals is removed; the successor is named in the Link header.',
      match: LIST_V1_DEALS,
      when: { fromSeconds: 30 * MINUTE },
      fault: 'endpoint-moved',
      options: { from: '/v1/', to: '/v2/', status: 410 },
    },
    {
      id: 'v1-deals-moved',
      description: '/v1/deals redirects permanently to /v2/deals, which has another shape.',
      match: LIST_V1_DEALS,
      when: { fromSeconds: 20 * MINUTE, untilSeconds: 30 * MINUTE },
      fault: 'endpoint-moved',
      options: { from: '/v1/', to: '/v2/', status: 308 },
    },
    {
      id: 'unpinned-gets-latest',
      description: 'Requests without Acme-Version get the account default, which the release moved to the newest shape: every amount is a string.',
      match: { ...LIST_V1_DEALS, headers: { 'acme-version': '' } },
      when: { fromSeconds: 10 * MINUTE, untilSeconds: 20 * MINUTE },
      fault: 'schema-drift',
      options: { stringify: ['amount'], add: { billing_account_id: 'ba_7781', amount_updated_at: '2026-11-21T02:00:00Z' } },
    },
    {
      id: 'weekend-release',
      description: 'Deals migrated to the new billing service (USD) come with amount as a string and two fields nobody announced.',
      match: LIST_V1_DEALS,
      when: { fromSeconds: 10 * MINUTE, untilSeconds: 20 * MINUTE },
      fault: 'schema-drift',
      options: { stringify: ['amount'], add: { billing_account_id: 'ba_7781', amount_updated_at: '2026-11-21T02:00:00Z' }, where: { field: 'currency', in: ['USD'] } },
    },
  ],
});
