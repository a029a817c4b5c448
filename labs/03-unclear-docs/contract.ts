/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import { z } from 'zod';
import type { Logger } from '../platform/index.ts';

/** A contact as Acme's v1 API sends it; only the fields this lab needs are typed. */
export interface AcmeContact {
  id: string;
  email: string;
  [field: string]: unknown;
}

export interface NewLead {
  email: string;
  name?: string;
  source?: string;
}

export interface AcmeLead {
  id: string;
  email: string;
  [field: string]: unknown;
}

/** What `createAcmeClient` and `findGaps` receive. `env` defaults to `process.env`. */
export interface ClientDeps {
  /** `VENDOR_BASE_URL`, `VENDOR_CLIENT_ID`, `VENDOR_CLIENT_SECRET`. */
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

export interface AcmeClient {
  /** Every contact, across all pages. */
  listAllContacts(): Promise<AcmeContact[]>;
  /** Creates one lead (with an Idempotency-Key) and returns it. */
  createLead(lead: NewLead): Promise<AcmeLead>;
}

/** What your client throws when Acme answers with an error. */
export interface VendorErrorFields {
  status: number;
  /** The problem's `code`. */
  code: string;
  requestId: string;
}

export interface ProbeDeps extends ClientDeps {
  /**
   * Lets `ms` milliseconds of Acme's time pass (to outlive a token, say). Defaults to really
   * waiting; `probe.ts` and the checks move Acme's clock instead, so nobody waits two minutes.
   */
  wait?: (ms: number) => Promise<void>;
}

/**
 * The gaps a finding may name. Three of them are real in this lab; the others describe things the
 * docs get right, and claiming one costs points.
 */
export const GAPS = [
  'required-header',
  'expired-token-signal',
  'paging-parameter',
  'rate-limit-signal',
  'idempotency-key-ignored',
  'page-size-limit',
  'lead-fields',
  'token-client-auth',
  'error-format',
] as const;

export type Gap = (typeof GAPS)[number];

/** Acme's request ids (`X-Request-Id`), or your own if you sent one. */
export const RequestIdSchema = z.string().regex(/^[\w.:-]{1,128}$/, 'a request id, as in the X-Request-Id header');

export const FindingSchema = z.object({
  gap: z.enum(GAPS),
  /** What /docs says, or leaves out. */
  docsSay: z.string().min(1),
  /** What Acme actually does, with the specifics: the header's name, the status and code, the parameter's name. */
  actually: z.string().min(1),
  /** The experiment: which requests you compared, and what changed between them. */
  howFound: z.string().min(1),
  /** Ids of the requests that show it: the one that shows the gap and the one it was compared with. */
  requestIds: z.array(RequestIdSchema).min(1),
});

/** `src/findings.json`, and what `findGaps` returns. */
export const FindingsSchema = z.object({
  /** When the probes ran (ISO 8601), and against which Acme; written by probe.ts. */
  probedAt: z.string().optional(),
  baseUrl: z.string().optional(),
  findings: z.array(FindingSchema),
});

export type Finding = z.infer<typeof FindingSchema>;
export type Findings = z.infer<typeof FindingsSchema>;

export interface Lab03 {
  createAcmeClient(deps?: ClientDeps): AcmeClient;
  /** Runs your probes against the Acme in `env` and returns what they found, with the ids of the requests that show it. */
  findGaps(deps?: ProbeDeps): Promise<Findings>;
  /** Your findings as delivered (the starter reads `findings.json` next to `index.ts`). */
  loadFindings(): Findings;
}
