import { DEPRECATIONS, sunsetHeader } from '../../resources/lifecycle.ts';
import { DealCreateV1Schema, DealCreateV2Schema, DealUpdateV1Schema, DealUpdateV2Schema, DealV1Schema, DealV2Schema } from '../../schemas/deal.ts';
import { pageOf } from '../../schemas/page.ts';
import { eachVersion, type OperationSpec } from '../operation.ts';
import { cursor, dealId, limit } from './shared.ts';

const DealPageV1 = pageOf(DealV1Schema, 'DealPageV1');
const DealPageV2 = pageOf(DealV2Schema, 'DealPageV2');

const v1DealsSunset = DEPRECATIONS.find((d) => d.path.test('/v1/deals'));
export const dealOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => {
  const v1 = version === 'v1';
  const schemas = v1
    ? { item: DealV1Schema, page: DealPageV1, create: DealCreateV1Schema, update: DealUpdateV1Schema }
    : { item: DealV2Schema, page: DealPageV2, create: DealCreateV2Schema, update: DealUpdateV2Schema };
  const deprecated =
    v1 && v1DealsSunset
      ? { note: `Deprecated: \`/v1/deals\` stops answering after ${sunsetHeader(v1DealsSunset.sunsetAt)}. Move to \`/v2/deals\`, where \`amount\` is \`{ "value": "123.45", "currency": "EUR" }\` instead of integer minor units.` }
      : undefined;
  const common = { version, tag: 'Deals', ...(deprecated ? { deprecated } : {}) } as const;
  return [
    {
      ...common,
      operationId: `listDeals${suffix}`,
      method: 'get',
      path: `/${version}/deals`,
      summary: `List deals (${version})`,
      auth: { kind: 'bearer', scope: 'deals:read' },
      parameters: [limit, cursor],
      responses: [{ status: 200, description: 'One page of deals.', schema: schemas.page, headers: ['Link'] }],
      errors: ['invalid_query', 'invalid_cursor'],
    },
    {
      ...common,
      operationId: `getDeal${suffix}`,
      method: 'get',
      path: `/${version}/deals/{id}`,
      summary: `Get a deal (${version})`,
      auth: { kind: 'bearer', scope: 'deals:read' },
      parameters: [dealId],
      responses: [{ status: 200, description: 'The deal.', schema: schemas.item }],
      errors: ['not_found'],
    },
    {
      ...common,
      operationId: `createDeal${suffix}`,
      method: 'post',
      path: `/${version}/deals`,
      summary: `Create a deal (${version})`,
      auth: { kind: 'bearer', scope: 'deals:write' },
      requestBody: { schema: schemas.create, contentType: 'application/json' },
      responses: [{ status: 201, description: 'Created. `Location` names the new deal.', schema: schemas.item, headers: ['Location'] }],
      errors: ['validation_failed'],
    },
    {
      ...common,
      operationId: `updateDeal${suffix}`,
      method: 'patch',
      path: `/${version}/deals/{id}`,
      summary: `Update a deal (${version})`,
      description: v1 ? 'Send only the fields to change; `amount` and `currency` go together.' : 'Send only the fields to change.',
      auth: { kind: 'bearer', scope: 'deals:write' },
      parameters: [dealId],
      requestBody: { schema: schemas.update, contentType: 'application/json' },
      responses: [{ status: 200, description: 'The deal after the change.', schema: schemas.item }],
      errors: ['not_found', 'validation_failed'],
    },
  ];
});
