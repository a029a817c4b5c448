import type { TokenCheck } from '../auth/token-service.ts';
import type { BodyRewrite } from '../faults/fault.ts';
import type { JournalEntry } from '../journal/journal-entry.ts';
import type { Tenant } from '../tenants/tenant.ts';

/** What the vendor learns about one exchange as it passes through the pipeline. */
export interface ExchangeState {
  requestId: string;
  /** Path without the query, as the client sent it (routers rewrite `req.path`). */
  path: string;
  query: string;
  /** Arrival time by the vendor clock, moved onto the tenant's clock once the caller is identified. */
  atMs: number;
  /** Wall-clock arrival time, for durations. */
  startedAt: number;
  tenant: Tenant | undefined;
  tokenCheck: TokenCheck | undefined;
  /** Fault applied by the engine, with the rule that fired. */
  fault: string | undefined;
  ruleId: string | undefined;
  bodyRewrite: BodyRewrite | undefined;
  errorCode: string | undefined;
  /** Set by a fault that closes the connection itself (a hang that timed out on the vendor's side). */
  droppedByVendor?: boolean;
  /** Fields a route knows best (token requests: scopes, auth method, issued token). */
  journal: Partial<JournalEntry>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      exchange: ExchangeState;
    }
  }
}
