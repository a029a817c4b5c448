/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy).
 */
import type { Logger } from '../platform/index.ts';

/** A contact as Acme CRM's v1 API sends it (see /docs). */
export interface AcmeContact {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  company: string | null;
  /** 1 lead, 2 active, 3 churned, 4 archived */
  status: number;
  /** ISO 3166-1 alpha-2, or null */
  country: string | null;
  /** Marketing consent: "Y" or "N" */
  opt_in: 'Y' | 'N';
  created_at: string;
  updated_at: string;
}

export interface NewLead {
  email: string;
  name?: string;
  source?: string;
  note?: string;
}

export interface AcmeLead {
  id: string;
  email: string;
  name: string | null;
  source: string;
  status: string;
  created_at: string;
}

/** Our platform's customer record (the mapping table is in the lab README). */
export interface Customer {
  externalId: string;
  source: 'acme-crm';
  fullName: string;
  email: string;
  phone: string | null;
  company: string | null;
  country: string | null;
  lifecycle: 'lead' | 'active' | 'churned' | 'archived';
  marketingOptIn: boolean;
  createdAt: string;
}

/** What `createAcmeClient` receives. `env` defaults to `process.env`. */
export interface ClientDeps {
  env?: Record<string, string | undefined>;
  logger?: Logger;
}

export interface AcmeClient {
  /** Every contact, across all pages. */
  listAllContacts(): Promise<AcmeContact[]>;
  getContact(id: string): Promise<AcmeContact>;
  /** Creates one lead; safe to call again after a network error (Idempotency-Key). */
  createLead(lead: NewLead): Promise<AcmeLead>;
}

/** What your client throws when Acme answers with an error: the fields support will ask for. */
export interface VendorErrorFields {
  status: number;
  /** The problem's `code`, e.g. "not_found". */
  code: string;
  /** The `X-Request-Id` of the failed request. */
  requestId: string;
}

export interface Lab01 {
  createAcmeClient(deps?: ClientDeps): AcmeClient;
  toCustomer(contact: AcmeContact): Customer;
}
