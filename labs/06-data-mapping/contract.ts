/**
 * The interface the checks call. Your code in `src/` implements it; do not change this file
 * (the grader uses its own copy). The mapping rules are in the lab README.
 */

/** A date as Acme's nightly export writes it: epoch seconds, ISO 8601 with an offset, or DD/MM/YYYY. */
export type AcmeDate = number | string;

/** A contact row from Acme's nightly export. Nothing in it has been cleaned. */
export interface AcmeContactRecord {
  id: string;
  /** As typed: "Ada Lovelace", "Hopper, Grace", "Ludwig van Beethoven", "Prince". */
  full_name: string | null;
  email: string | null;
  /** As typed, in national or international form. */
  phone: string | null;
  company: string | null;
  /** 1 lead, 2 active, 3 churned, 4 archived; anything else is unknown. */
  status: number | null;
  /** An ISO 3166-1 alpha-2 or alpha-3 code, or an English country name. */
  country: string | null;
  /** Marketing consent: "Y", "N", or "" when it was never asked. */
  opt_in: string | null;
  created_at: AcmeDate | null;
}

/** A deal row from Acme's nightly export. */
export interface AcmeDealRecord {
  id: string;
  contact_id: string | null;
  title: string | null;
  /** Integer amount in the currency's minor unit (cents for EUR, whole yen for JPY, fils for KWD). */
  amount: number | null;
  /** ISO 4217 code. */
  currency: string | null;
  /** 1 open, 2 won, 3 lost; anything else is unknown. */
  stage: number | null;
  close_date: AcmeDate | null;
  created_at: AcmeDate | null;
}

export type Lifecycle = 'lead' | 'active' | 'churned' | 'archived';
export type Stage = 'open' | 'won' | 'lost';

/** Our platform's customer record. */
export interface Customer {
  externalId: string;
  firstName: string;
  lastName: string | null;
  email: string;
  /** E.164, e.g. "+442079460958". */
  phone: string | null;
  company: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  /** null only under the "ignore" policy for an unknown status. */
  lifecycle: Lifecycle | null;
  /** null when consent was never asked. */
  marketingOptIn: boolean | null;
  /** UTC, as `Date.prototype.toISOString()` writes it: "2024-03-11T04:30:00.000Z". */
  createdAt: string;
}

/** An amount as a decimal string in major units, with exactly as many decimals as the currency has. */
export interface Money {
  value: string;
  currency: string;
}

/** Our platform's opportunity record. */
export interface Opportunity {
  externalId: string;
  customerExternalId: string;
  title: string;
  amount: Money;
  /** null only under the "ignore" policy for an unknown stage. */
  stage: Stage | null;
  closeDate: string | null;
  createdAt: string;
}

/** Stable reason codes; the README says when each applies. */
export type ReasonCode =
  | 'missing_value'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_country'
  | 'invalid_flag'
  | 'invalid_date'
  | 'invalid_amount'
  | 'invalid_currency'
  | 'unknown_status'
  | 'duplicate_id';

export interface Reason {
  /** The vendor's field name, e.g. "created_at". */
  field: string;
  code: ReasonCode;
  /** For the person fixing the source record: what was wrong with which value. */
  message: string;
}

/** A record that was not mapped, with every reason why. */
export interface Rejection {
  /** Position of the record in the input array. */
  index: number;
  /** The record's `id`. */
  externalId: string;
  reasons: Reason[];
}

export interface MappingResult<T> {
  /** In input order. */
  mapped: T[];
  /** In input order. */
  rejected: Rejection[];
}

/** What to do with a status or stage code the table does not list. */
export type UnknownStatusPolicy = 'fail' | 'default' | 'ignore';

export interface MappingOptions {
  /** Default "fail". */
  unknownStatus?: UnknownStatusPolicy;
}

export interface Lab06 {
  mapContacts(records: readonly AcmeContactRecord[], options?: MappingOptions): MappingResult<Customer>;
  mapDeals(records: readonly AcmeDealRecord[], options?: MappingOptions): MappingResult<Opportunity>;
  /** Reverse direction, for writing back to Acme. */
  toVendorContact(customer: Customer): AcmeContactRecord;
  toVendorDeal(opportunity: Opportunity): AcmeDealRecord;
}
