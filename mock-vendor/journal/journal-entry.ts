/**
 * One line of the vendor's journal. `exchange` is a request that got an HTTP response;
 * `connection` is a transport-level event with no complete response (the vendor reset the socket,
 * or the client gave up on a hanging request), so a check can tell a client's retry from a transport's.
 */
export interface JournalEntry {
  seq: number;
  kind: 'exchange' | 'connection';
  requestId: string;
  tenantId: string | null;
  /** When the request arrived by its tenant's clock (the vendor clock when tied to no tenant), ISO 8601 and epoch ms. */
  at: string;
  atMs: number;
  /** Wall-clock time from arrival to response end or connection close. */
  durationMs: number;
  method: string;
  path: string;
  query: string;
  status: number | null;
  /** `vendor-dropped`: the vendor gave up on a hang and closed the socket before the client did. */
  outcome: 'completed' | 'reset' | 'client-aborted' | 'vendor-dropped';
  /** Problem `code` when the vendor answered with an error. */
  errorCode: string | null;
  fault: string | null;
  idempotencyKey: string | null;
  correlationId: string | null;
  /** `jti` of the bearer token used, or issued by a token request. */
  tokenId: string | null;
  /** `Bearer sha256:…`, never the token itself. */
  authorization: string | null;
  /** Token requests: how the client authenticated, the fingerprint of the secret it sent, scopes. */
  clientAuthMethod: 'client_secret_basic' | 'client_secret_post' | null;
  clientSecretFingerprint: string | null;
  requestedScope: string | null;
  grantedScope: string | null;
  /** Request headers that matter to grading, lower-cased; secrets replaced by fingerprints. */
  requestHeaders: Record<string, string>;
  /** Response headers that matter to grading (Retry-After, rate-limit and lifecycle headers). */
  responseHeaders: Record<string, string>;
  /** JSON request body with secret fields redacted, cut at 4 KiB. */
  requestBody: unknown;
}

export type JournalFilter = Partial<{
  kind: JournalEntry['kind'];
  method: string;
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  status: number;
  fault: string;
  idempotencyKey: string;
  correlationId: string;
  tokenId: string;
  errorCode: string;
  /** Only entries with a larger sequence number (for polling). */
  afterSeq: number;
  limit: number;
}>;
