import { RATE_LIMIT_POLICY_NAME } from '../rate-limit/rate-limit-headers.ts';

interface HeaderDoc {
  description: string;
  schema: { type: 'string' | 'integer' };
  example?: string | number;
}

/** Every response header the vendor documents, once; operations name the ones they send. */
export const RESPONSE_HEADERS = {
  'X-Request-Id': {
    description: 'The request id: yours if you sent a sane `X-Request-Id` (1–128 of `A-Za-z0-9_.:-`), otherwise a new one. Problem documents repeat it as `request_id`.',
    schema: { type: 'string' },
    example: 'req_4f3c2a1b9d8e7f60a5b4c3d2e1f00112',
  },
  'X-Acme-Mock-Version': { description: 'The mock\'s own version: this is not a real vendor.', schema: { type: 'string' }, example: 'acme-crm-mock/0.1.0' },
  'X-Acme-Scenario': { description: 'The scenario (set of deliberate faults) active for the calling client.', schema: { type: 'string' }, example: 'calm' },
  'RateLimit-Policy': {
    description: `The quota, as draft-ietf-httpapi-ratelimit-headers-11 structured fields: \`"${RATE_LIMIT_POLICY_NAME}";q=<requests>;w=<window seconds>\`.`,
    schema: { type: 'string' },
    example: `"${RATE_LIMIT_POLICY_NAME}";q=600;w=60`,
  },
  RateLimit: {
    description: 'What is left of the quota: `r` requests remaining, `t` seconds until the bucket is full again.',
    schema: { type: 'string' },
    example: `"${RATE_LIMIT_POLICY_NAME}";r=599;t=1`,
  },
  'X-RateLimit-Limit': { description: 'Requests allowed per window (the legacy header many vendors send).', schema: { type: 'integer' }, example: 600 },
  'X-RateLimit-Remaining': { description: 'Requests left in the bucket.', schema: { type: 'integer' }, example: 599 },
  'X-RateLimit-Reset': { description: 'When the bucket is full again, in epoch seconds (not a delay).', schema: { type: 'integer' }, example: 1767225601 },
  'Retry-After': { description: 'Seconds to wait before trying again (429, 503, and unfinished jobs).', schema: { type: 'integer' }, example: 1 },
  Location: { description: 'Where the new resource (or the job to poll) is.', schema: { type: 'string' }, example: '/v1/contacts/ct_000046' },
  Link: {
    description: 'RFC 8288 links: `rel="next"` on a list page that has a next page; `rel="successor-version"` or `rel="deprecation"` on deprecated resources.',
    schema: { type: 'string' },
    example: '</v1/contacts?limit=20&cursor=eyJhZnRlciI6ImN0XzAwMDAyMCJ9>; rel="next"',
  },
  Deprecation: { description: 'RFC 9745: this resource is deprecated since the given instant (`@<epoch seconds>`).', schema: { type: 'string' }, example: '@1767225600' },
  Sunset: { description: 'RFC 8594: the HTTP-date after which this resource stops answering.', schema: { type: 'string' }, example: 'Wed, 30 Sep 2026 00:00:00 GMT' },
  'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.', schema: { type: 'string' }, example: 'true' },
  'WWW-Authenticate': {
    description: 'RFC 6750 / RFC 6749 challenge: `Bearer realm="acme-crm", error="invalid_token", error_description="..."`, or `Basic realm="acme-crm"` from the token endpoints.',
    schema: { type: 'string' },
    example: 'Bearer realm="acme-crm", error="invalid_token", error_description="The access token expired."',
  },
  'Cache-Control': { description: 'Token responses are `no-store`.', schema: { type: 'string' }, example: 'no-store' },
} as const satisfies Record<string, HeaderDoc>;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** On every response. */
export const ALWAYS_SENT: readonly ResponseHeaderName[] = ['X-Request-Id', 'X-Acme-Mock-Version', 'X-Acme-Scenario'];
/** On every answer from `/v1` and `/v2` that got past the rate limiter. */
export const RATE_LIMIT_HEADERS: readonly ResponseHeaderName[] = ['RateLimit-Policy', 'RateLimit', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
/** On a deprecated resource. */
export const LIFECYCLE_HEADERS: readonly ResponseHeaderName[] = ['Deprecation', 'Sunset', 'Link'];
