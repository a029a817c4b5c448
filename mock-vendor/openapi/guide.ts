import { BODY_LIMIT, MAX_JSON_DEPTH } from '../http/body-parsers.ts';
import { PROBLEM_CODES } from '../http/problem.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../resources/pagination.ts';
import { ScenarioSettingsSchema } from '../scenarios/scenario.ts';
import { OAUTH_ERROR_CODES } from './oauth-schemas.ts';
import type { ErrorSpec, OperationSpec } from './operation.ts';

/** Codes only the admin API or the fault engine's configuration uses: not part of the public API. */
const ADMIN_ONLY_CODES = new Set(['unknown_scenario', 'unknown_fault', 'invalid_rule']);

export function statusOfCode(error: ErrorSpec): number {
  if (typeof error !== 'string') return error.status;
  const code = error;
  if (code === 'invalid_client') return 401;
  if ((OAUTH_ERROR_CODES as readonly string[]).includes(code)) return 400;
  const status = PROBLEM_CODES[code as keyof typeof PROBLEM_CODES];
  if (status === undefined) throw new Error(`Unknown error code "${code}": add it to PROBLEM_CODES in http/problem.ts before documenting it.`);
  return status;
}

/**
 * The prose of the documentation, as the OpenAPI `info.description` (a small Markdown subset:
 * `## ` headings, `- ` lists, paragraphs, `code`). A docs variant may rewrite or cut it.
 */
export function guideMarkdown(operations: readonly OperationSpec[]): string {
  const defaults = ScenarioSettingsSchema.parse({});
  const routeCodes = operations.flatMap((op) => (op.errors ?? []).filter((e) => typeof e !== 'string').map((e) => [e.code, e.status] as const));
  const codes = [...Object.entries(PROBLEM_CODES), ...new Map(routeCodes)]
    .filter(([code]) => !ADMIN_ONLY_CODES.has(code))
    .map(([code, status]) => `- \`${code}\` (${status})`)
    .join('\n');
  return `Acme CRM keeps contacts, leads and deals, imports contacts in bulk and tells you about changes through webhooks.
This is the reference for its REST API (\`/v1\` and \`/v2\`) and its OAuth 2.0 token endpoints.

## Authentication

Every API call needs an access token. Get one with the OAuth 2.0 client credentials grant: \`POST /oauth/token\` with \`grant_type=client_credentials\` as an \`application/x-www-form-urlencoded\` body, authenticating the client with HTTP Basic (\`client_secret_basic\`) or with \`client_id\` and \`client_secret\` in the body (\`client_secret_post\`), never both. Discovery metadata (RFC 8414) is at \`/.well-known/oauth-authorization-server\`.
Ask only for the scopes you need. Tokens expire after \`expires_in\` seconds (an hour when things are calm, much less when they are not); reuse a token until then instead of asking for one per call. A token can also be revoked before it expires: an API call then answers \`401\` with \`WWW-Authenticate: Bearer error="invalid_token"\` (or problem code \`token_expired\`), and a new token is the fix. Client secrets can be rotated; the old secret keeps working for a grace period.

## Errors

Every error is an RFC 9457 problem document (\`application/problem+json\`) with a stable \`code\` to branch on and the \`request_id\` (the same as the \`X-Request-Id\` header) to quote to support. Validation failures (\`422\`) list every wrong field in \`errors\`. The OAuth endpoints answer \`application/json\` with the RFC 6749 members \`error\` and \`error_description\` added, so standard OAuth clients understand them.
Request bodies are JSON (\`Content-Type: application/json\`; \`415\` otherwise) of at most ${BODY_LIMIT.replace('mb', ' MiB')} (\`413\` beyond) and at most ${MAX_JSON_DEPTH} levels of nesting (\`400\` \`invalid_json\` beyond).
Codes and their statuses:
${codes}
- \`invalid_request\`, \`unsupported_grant_type\`, \`invalid_scope\` (400), \`invalid_client\` (401): OAuth endpoints only

## Pagination

Lists answer \`{ "data": [...], "next_cursor": "..." }\`. Pass \`limit\` (1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}) and, for the next page, \`cursor\` set to the previous page's \`next_cursor\`, unchanged; \`next_cursor\` is \`null\` on the last page. The \`Link: <...>; rel="next"\` header carries the same URL.

## Rate limits

Each client has a token bucket: by default ${defaults.rateLimit.limit} requests per ${defaults.rateLimit.windowSeconds} seconds, refilled continuously (the active scenario may set a tighter one). Every API answer says where you stand, twice: as \`RateLimit-Policy\` and \`RateLimit\` (draft-ietf-httpapi-ratelimit-headers-11) and as \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` (epoch seconds). Over the limit the answer is \`429\` with \`Retry-After\` in seconds: wait at least that long.

## Retries and idempotency

\`429\`, \`502\`, \`503\` and \`504\` are worth retrying with backoff (honour \`Retry-After\` when present), and so are timeouts and dropped connections. A \`401\` means: get a new token, then retry once. A \`409\` \`idempotency_request_in_progress\` means: wait \`Retry-After\`, then retry with the same key. Other \`4xx\` will fail again unchanged. \`POST /v1/leads\` and \`POST /v2/leads\` accept an \`Idempotency-Key\` header, so a retried create never makes a duplicate.

## Webhooks

Subscribe with \`POST /v1/webhooks\` (or \`/v2\`) to have events POSTed to your URL. Each delivery is signed: \`Acme-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>\`; verify it on the raw bytes, in constant time, and refuse old timestamps. Acknowledge with any \`2xx\` quickly; other answers are retried (by default after ${defaults.webhookRetrySeconds.join(', ')} seconds). Deliveries can repeat and arrive out of order: deduplicate on the event \`id\`.

## Versions and deprecation

\`/v1\` and \`/v2\` serve the same data in different shapes. A deprecated resource says so on every answer: \`Deprecation\` (RFC 9745), \`Sunset\` (RFC 8594) and a \`Link\` to its successor.

## Features and limitations

- This is a mock: a practice vendor for the Integration Lab, not a real service. Every response names the mock in \`X-Acme-Mock-Version\` and the active scenario in \`X-Acme-Scenario\`.
- It misbehaves on purpose. Depending on the scenario, answers may be slow, fail with \`5xx\`, reset the connection, hang, arrive truncated or malformed, drift from this schema, expire tokens early, or require a header this document does not mention. Faults are drawn from a seeded random generator: the same seed replays the same run.
- \`OPTIONS\` on a resource answers \`200\` with an \`Allow\` header listing its methods; there are no CORS headers (call the API from a server, not a browser).
- Data lives in memory, per client (tenant), generated from a seed; a restart or reset starts over.
- Webhooks are delivered only to loopback URLs (127.0.0.1, localhost, [::1]).
- Time at the vendor can be moved forward by the lab's admin API (\`/__admin\`), which is not part of this API and is not documented here.
- The default token lifetime is ${defaults.tokenTtlSeconds} seconds.`;
}
