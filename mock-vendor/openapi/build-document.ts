import { z } from 'zod';
import { ProblemError, problemBody } from '../http/problem.ts';
import { ProblemSchema } from '../schemas/problem.ts';
import { VENDOR_VERSION } from '../version.ts';
import { guideMarkdown, statusOfCode } from './guide.ts';
import { convertSchemas, type ConvertedSchemas, type Io } from './json-schemas.ts';
import { OAuthErrorSchema } from './oauth-schemas.ts';
import type { HeaderObject, OpenApiDocument, OperationObject, ParameterObject, Ref, ResponseObject } from './openapi-document.ts';
import { TAGS, type ErrorSpec, type OperationSpec, type ParameterSpec, type ResponseSpec, type WebhookDeliverySpec } from './operation.ts';
import { OPERATIONS, WEBHOOK_DELIVERY } from './operations.ts';
import { ALWAYS_SENT, LIFECYCLE_HEADERS, RATE_LIMIT_HEADERS, RESPONSE_HEADERS, type ResponseHeaderName } from './response-headers.ts';
import { CLIENT_BASIC_SCHEME, OAUTH2_SCHEME, securitySchemes } from './security-schemes.ts';

const REQUEST_ID_PARAMETER = 'X-Request-Id';
const EXAMPLE_REQUEST_ID = 'req_4f3c2a1b9d8e7f60a5b4c3d2e1f00112';
const BEARER_ERRORS = ['unauthorized', 'invalid_token', 'token_expired', 'insufficient_scope', 'rate_limited'];
const JSON_BODY_ERRORS = ['invalid_json', 'payload_too_large', 'unsupported_media_type'];

const converted = new WeakMap<readonly OperationSpec[], ConvertedSchemas>();

/** Every (schema, side) the operations use, so all of them are converted in one pass. */
function schemasOf(operations: readonly OperationSpec[], delivery: WebhookDeliverySpec | undefined): Array<{ schema: z.ZodType; io: Io }> {
  const uses: Array<{ schema: z.ZodType; io: Io }> = [
    { schema: ProblemSchema, io: 'output' },
    { schema: OAuthErrorSchema, io: 'output' },
  ];
  if (delivery) {
    uses.push({ schema: delivery.schema, io: 'output' });
    for (const h of delivery.headers) uses.push({ schema: h.schema, io: 'input' });
  }
  for (const op of operations) {
    for (const p of op.parameters ?? []) uses.push({ schema: p.schema, io: 'input' });
    if (op.requestBody) uses.push({ schema: op.requestBody.schema, io: 'input' });
    for (const r of op.responses) if (r.schema) uses.push({ schema: r.schema, io: 'output' });
  }
  return uses;
}

export interface BuildDocumentOptions {
  /** Origin the vendor is reached at, e.g. `http://127.0.0.1:4010`: servers and the token URL. */
  baseUrl: string;
  operations?: readonly OperationSpec[];
  /** What the vendor POSTs to webhook subscribers; documented under `webhooks`. */
  webhookDelivery?: WebhookDeliverySpec;
}

/** The complete OpenAPI 3.1 document for the operations, from the zod schemas the vendor uses. */
export function buildOpenApiDocument({ baseUrl, operations = OPERATIONS, webhookDelivery = WEBHOOK_DELIVERY }: BuildDocumentOptions): OpenApiDocument {
  const cacheable = webhookDelivery === WEBHOOK_DELIVERY;
  let schemas = cacheable ? converted.get(operations) : undefined;
  if (!schemas) {
    schemas = convertSchemas(schemasOf(operations, webhookDelivery));
    if (cacheable) converted.set(operations, schemas);
  }

  const paths: OpenApiDocument['paths'] = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`Two operations declare ${op.method.toUpperCase()} ${op.path}: ${item[op.method]!.operationId} and ${op.operationId}.`);
    item[op.method] = operationObject(op, schemas);
  }
  const usedTags = new Set(operations.map((op) => op.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Acme CRM API',
      version: VENDOR_VERSION,
      description: guideMarkdown(operations),
      'x-mock': true,
    },
    servers: [{ url: baseUrl, description: 'This Acme CRM mock.' }],
    tags: Object.entries(TAGS)
      .filter(([name]) => usedTags.has(name as keyof typeof TAGS))
      .map(([name, description]) => ({ name, description })),
    paths,
    ...(webhookDelivery ? { webhooks: { [webhookDelivery.name]: { post: deliveryObject(webhookDelivery, schemas) } } } : {}),
    components: {
      schemas: schemas.components,
      headers: Object.fromEntries(Object.entries(RESPONSE_HEADERS).map(([name, h]) => [name, { ...h } as HeaderObject])),
      parameters: {
        [REQUEST_ID_PARAMETER]: {
          name: 'X-Request-Id',
          in: 'header',
          description: 'Your own id for this request (1–128 of `A-Za-z0-9_.:-`); it is echoed back and recorded. Leave out to get a generated one.',
          schema: { type: 'string', pattern: '^[\\w.:\\-]{1,128}$' },
          example: EXAMPLE_REQUEST_ID,
        },
      },
      securitySchemes: securitySchemes(baseUrl),
    },
  };
}

function deliveryObject(delivery: WebhookDeliverySpec, schemas: ConvertedSchemas): OperationObject {
  return {
    operationId: delivery.operationId,
    tags: ['Webhooks'],
    summary: delivery.summary,
    description: delivery.description,
    parameters: delivery.headers.map((h) => parameterObject(h, schemas)),
    requestBody: { required: true, content: { 'application/json': { schema: schemas.schemaFor(delivery.schema, 'output') } } },
    responses: {
      '2XX': { description: 'Acknowledged: the event will not be sent again (unless a scenario duplicates it).' },
      default: { description: 'Not acknowledged (or no answer in time): the vendor retries on its schedule, then gives up.' },
    },
  };
}

function parameterObject(p: ParameterSpec, schemas: ConvertedSchemas): ParameterObject {
  return {
    name: p.name,
    in: p.in,
    description: p.description,
    required: p.in === 'path' ? true : (p.required ?? false),
    schema: schemas.schemaFor(p.schema, 'input'),
    ...(p.example === undefined ? {} : { example: p.example }),
  };
}

function operationObject(op: OperationSpec, schemas: ConvertedSchemas): OperationObject {
  const out: Omit<OperationObject, 'responses'> = { operationId: op.operationId, tags: [op.tag], summary: op.summary };
  const notes = [op.description, op.deprecated?.note].filter(Boolean);
  if (notes.length) out.description = notes.join('\n\n');
  if (op.deprecated) out.deprecated = true;
  if (op.auth.kind === 'bearer') out.security = [{ [OAUTH2_SCHEME]: [op.auth.scope] }];
  if (op.auth.kind === 'client') out.security = [{ [CLIENT_BASIC_SCHEME]: [] }, {}];
  out.parameters = [
    ...(op.parameters ?? []).map((p) => parameterObject(p, schemas)),
    { $ref: `#/components/parameters/${REQUEST_ID_PARAMETER}` },
  ];
  if (op.requestBody) {
    out.requestBody = {
      required: true,
      ...(op.requestBody.description ? { description: op.requestBody.description } : {}),
      content: {
        [op.requestBody.contentType]: {
          schema: schemas.schemaFor(op.requestBody.schema, 'input'),
          ...(op.requestBody.example === undefined ? {} : { example: op.requestBody.example }),
        },
      },
    };
  }
  const lifecycle = op.deprecated ? LIFECYCLE_HEADERS : [];
  const rateLimited = op.auth.kind === 'bearer' ? RATE_LIMIT_HEADERS : [];
  const responses: OperationObject['responses'] = {};
  for (const r of op.responses) responses[String(r.status)] = successResponse(r, [...rateLimited, ...lifecycle], schemas);
  for (const [status, response] of errorResponses(op)) responses[status] = response;
  return { ...out, responses };
}

function headerRefs(names: readonly ResponseHeaderName[]): Record<string, Ref> {
  return Object.fromEntries([...new Set([...ALWAYS_SENT, ...names])].map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

function successResponse(r: ResponseSpec, extraHeaders: readonly ResponseHeaderName[], schemas: ConvertedSchemas): ResponseObject {
  const response: ResponseObject = { description: r.description, headers: headerRefs([...(r.headers ?? []), ...extraHeaders]) };
  if (r.schema) {
    response.content = {
      [r.contentType ?? 'application/json']: {
        schema: schemas.schemaFor(r.schema, 'output'),
        ...(r.example === undefined ? {} : { example: r.example }),
      },
    };
  }
  return response;
}

/** Error answers grouped by status, each listing its codes, with an example made by the vendor's own `problemBody`. */
function errorResponses(op: OperationSpec): Array<[string, ResponseObject]> {
  const oauth = op.auth.kind === 'client';
  const codes: ErrorSpec[] = [...(op.auth.kind === 'bearer' ? BEARER_ERRORS : []), ...(op.requestBody?.contentType === 'application/json' ? JSON_BODY_ERRORS : []), ...(op.errors ?? [])];
  const byStatus = new Map<number, string[]>();
  for (const error of codes) {
    const status = statusOfCode(error);
    const code = typeof error === 'string' ? error : error.code;
    const list = byStatus.get(status) ?? [];
    if (!list.includes(code)) byStatus.set(status, [...list, code]);
  }
  const out: Array<[string, ResponseObject]> = [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) => {
      const headers: ResponseHeaderName[] = [];
      if (status === 401 || (status === 403 && !oauth)) headers.push('WWW-Authenticate');
      if (status === 429) headers.push('Retry-After', ...RATE_LIMIT_HEADERS);
      if (list.includes('idempotency_request_in_progress')) headers.push('Retry-After');
      if (oauth) headers.push('Cache-Control');
      if (op.deprecated) headers.push(...LIFECYCLE_HEADERS);
      const example = exampleProblem(list[0]!, status, op, oauth);
      return [
        String(status),
        {
          description: `${list.map((c) => `\`${c}\``).join(', ')}.`,
          headers: headerRefs(headers),
          content: { [oauth ? 'application/json' : 'application/problem+json']: { schema: { $ref: `#/components/schemas/${oauth ? 'OAuthError' : 'Problem'}` }, example } },
        },
      ];
    });
  if (op.auth.kind === 'bearer') {
    out.push([
      '5XX',
      {
        description: 'The vendor failed (or the active scenario made it fail): `internal_error`, `bad_gateway`, `service_unavailable`, `gateway_timeout`. Retry with backoff; a `503` may carry `Retry-After`.',
        headers: headerRefs(['Retry-After']),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: exampleProblem('service_unavailable', 503, op, false) } },
      },
    ]);
  }
  return out;
}

function exampleProblem(code: string, status: number, op: OperationSpec, oauth: boolean) {
  const detail = oauth ? `See error_description: why the request was refused (${code}).` : `What went wrong and what to do about it (${code}).`;
  const problem = new ProblemError({ code, status, detail, ...(oauth ? { extra: { error: code, error_description: detail } } : {}) });
  const instance = op.path.replace(/\{(\w+)\}/g, (_, name: string) => String(op.parameters?.find((p) => p.name === name)?.example ?? name));
  return problemBody(problem, EXAMPLE_REQUEST_ID, instance);
}
