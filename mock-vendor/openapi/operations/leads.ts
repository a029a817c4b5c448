import { LeadCreateSchema, LeadSchema } from '../../schemas/lead.ts';
import { pageOf } from '../../schemas/page.ts';
import { eachVersion, type OperationSpec } from '../operation.ts';
import { cursor, idempotencyKey, leadId, limit } from './shared.ts';

const LeadPage = pageOf(LeadSchema, 'LeadPage');

export const leadOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
  {
    operationId: `listLeads${suffix}`,
    method: 'get',
    path: `/${version}/leads`,
    version,
    tag: 'Leads',
    summary: `List leads (${version})`,
    description: 'Leads have the same shape in v1 and v2.',
    auth: { kind: 'bearer', scope: 'leads:read' },
    parameters: [limit, cursor],
    responses: [{ status: 200, description: 'One page of leads.', schema: LeadPage, headers: ['Link'] }],
    errors: ['invalid_query', 'invalid_cursor'],
  },
  {
    operationId: `getLead${suffix}`,
    method: 'get',
    path: `/${version}/leads/{id}`,
    version,
    tag: 'Leads',
    summary: `Get a lead (${version})`,
    auth: { kind: 'bearer', scope: 'leads:read' },
    parameters: [leadId],
    responses: [{ status: 200, description: 'The lead.', schema: LeadSchema }],
    errors: ['not_found'],
  },
  {
    operationId: `createLead${suffix}`,
    method: 'post',
    path: `/${version}/leads`,
    version,
    tag: 'Leads',
    summary: `Create a lead (${version})`,
    description: 'Send an `Idempotency-Key` so a retry after a timeout or a 5xx never creates a second lead. Answers are remembered unless they are 5xx.',
    auth: { kind: 'bearer', scope: 'leads:write' },
    parameters: [idempotencyKey],
    requestBody: { schema: LeadCreateSchema, contentType: 'application/json', example: { email: 'lin@example.com', name: 'Lin Park', source: 'webform' } },
    responses: [
      {
        status: 201,
        description: 'Created, or the replay of an earlier answer to the same key and body (then with `Idempotent-Replayed: true`).',
        schema: LeadSchema,
        headers: ['Location', 'Idempotent-Replayed'],
      },
    ],
    errors: ['invalid_idempotency_key', 'idempotency_key_conflict', 'idempotency_request_in_progress', 'validation_failed'],
  },
]);
