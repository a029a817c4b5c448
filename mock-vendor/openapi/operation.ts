import type { z } from 'zod';
import type { ApiVersion } from '../resources/present-contact.ts';
import type { Scope } from '../tenants/scopes.ts';
import type { ResponseHeaderName } from './response-headers.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Tags in the order the docs show them. */
export const TAGS = {
  OAuth: 'Get, inspect and revoke access tokens (OAuth 2.0 client credentials).',
  Contacts: 'People in the CRM. v1 and v2 serve the same records in different shapes.',
  Leads: 'Prospects not yet qualified. Creating one is safe to retry with an `Idempotency-Key`.',
  Deals: 'Sales opportunities. v1 is deprecated (see `Deprecation` and `Sunset`); v2 carries money as a decimal string.',
  Imports: 'Bulk import of contacts, processed asynchronously: `202 Accepted`, then poll the job.',
  Webhooks: 'Subscriptions to events, delivered as signed POSTs to your URL and retried on failure.',
  Meta: 'This documentation, as HTML and as OpenAPI 3.1.',
} as const;
export type Tag = keyof typeof TAGS;

export interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header';
  description: string;
  required?: boolean;
  /** Converted with `io: 'input'`: what the vendor accepts. */
  schema: z.ZodType;
  example?: unknown;
}

export interface ResponseSpec {
  status: number;
  description: string;
  /** Converted with `io: 'output'`: what the vendor sends. No schema: no body. */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
  headers?: readonly ResponseHeaderName[];
  example?: unknown;
}

/** An error `code` from `PROBLEM_CODES` (or an OAuth one), or a route's own code with its status. */
export type ErrorSpec = string | { code: string; status: number };

export type OperationAuth =
  /** An access token carrying `scope`; answers also carry the rate-limit headers. */
  | { kind: 'bearer'; scope: Scope }
  /** OAuth client authentication (HTTP Basic or client_id/client_secret in the form). */
  | { kind: 'client' }
  | { kind: 'none' };

/**
 * One operation of the vendor's public API, declared once: the OpenAPI document, the `/docs`
 * page and the route-coverage tests all read it.
 */
export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** The full path as an OpenAPI template, e.g. `/v1/contacts/{id}`. */
  path: string;
  version?: ApiVersion;
  tag: Tag;
  summary: string;
  description?: string;
  auth: OperationAuth;
  parameters?: readonly ParameterSpec[];
  requestBody?: {
    /** Converted with `io: 'input'`. */
    schema: z.ZodType;
    contentType: 'application/json' | 'application/x-www-form-urlencoded';
    description?: string;
    example?: unknown;
  };
  responses: readonly ResponseSpec[];
  /**
   * Error `code`s this operation answers with besides the ones every operation of its kind may
   * (bearer: 401, 403, 429, 5xx; JSON body: 400 `invalid_json`, 413, 415).
   */
  errors?: readonly ErrorSpec[];
  /** Set on a deprecated operation: its answers carry `Deprecation`, `Sunset` and `Link`. */
  deprecated?: { note: string };
}

/** The same operations under each API version, e.g. `listContactsV1` and `listContactsV2`, version by version. */
export function eachVersion(versions: readonly ApiVersion[], make: (version: ApiVersion, suffix: 'V1' | 'V2') => OperationSpec[]): OperationSpec[] {
  return versions.flatMap((version) => make(version, version === 'v1' ? 'V1' : 'V2'));
}

/** The request the vendor sends to subscribers (OpenAPI 3.1 `webhooks`). */
export interface WebhookDeliverySpec {
  name: string;
  operationId: string;
  summary: string;
  description: string;
  /** Converted with `io: 'output'`: what the vendor sends. */
  schema: z.ZodType;
  headers: readonly ParameterSpec[];
}
