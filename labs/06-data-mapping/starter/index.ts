/**
 * Lab 06: getting records across correctly. Read ../README.md first: its mapping table is the spec.
 *
 * Everything the checks call is declared in ../contract.ts. Keep these four exports; more files in
 * this folder are fine. Libraries already installed for you: libphonenumber-js (phones), luxon
 * (dates), i18n-iso-countries (countries).
 */
import type {
  AcmeContactRecord,
  AcmeDealRecord,
  Customer,
  MappingOptions,
  MappingResult,
  Opportunity,
} from '../contract.ts';

export function mapContacts(records: readonly AcmeContactRecord[], options: MappingOptions = {}): MappingResult<Customer> {
  // TODO: map every record by the contact table, or reject it with every reason (field, code, message).
  // Keep a record's index in the input, and never let one bad record stop the batch.
  void options;
  throw new Error(`mapContacts is not written yet (lab 06, tasks 1-4); got ${records.length} records.`);
}

export function mapDeals(records: readonly AcmeDealRecord[], options: MappingOptions = {}): MappingResult<Opportunity> {
  // TODO: the deal table. Amounts are integers in the currency's minor unit: never divide them
  // into a floating-point number.
  void options;
  throw new Error(`mapDeals is not written yet (lab 06, task 5); got ${records.length} records.`);
}

export function toVendorContact(customer: Customer): AcmeContactRecord {
  // TODO: the reverse table. Mapping the result forward again must give `customer` back.
  throw new Error(`toVendorContact is not written yet (lab 06, task 6); got ${customer.externalId}.`);
}

export function toVendorDeal(opportunity: Opportunity): AcmeDealRecord {
  // TODO: "19.99" EUR back to 1999, "1999" JPY back to 1999.
  throw new Error(`toVendorDeal is not written yet (lab 06, task 6); got ${opportunity.externalId}.`);
}
