/**
 * Lab 01: your first integration with Acme CRM. Read ../README.md first.
 *
 * Everything the checks call is declared in ../contract.ts. Keep these two exports; how you
 * organise the rest (more files in this folder are fine) is up to you.
 */
import type { AcmeClient, AcmeContact, AcmeLead, ClientDeps, Customer, NewLead } from '../contract.ts';

export function createAcmeClient({ env = process.env, logger }: ClientDeps = {}): AcmeClient {
  // TODO: read VENDOR_BASE_URL, VENDOR_CLIENT_ID, VENDOR_CLIENT_SECRET (and the optional
  // VENDOR_TIMEOUT_MS) from `env`. If one is missing, throw an error that names it.
  void env;
  void logger;

  return {
    async listAllContacts(): Promise<AcmeContact[]> {
      // TODO: GET /v1/contacts with a bearer token, following `next_cursor` until it is null.
      throw new Error('listAllContacts is not written yet (lab 01, task 2).');
    },

    async getContact(id: string): Promise<AcmeContact> {
      // TODO: GET /v1/contacts/{id}. When Acme answers with an error, throw an error carrying
      // its status, the problem's `code` and the request id (see VendorErrorFields in ../contract.ts).
      throw new Error(`getContact(${id}) is not written yet (lab 01, task 4).`);
    },

    async createLead(lead: NewLead): Promise<AcmeLead> {
      void lead;
      // TODO: POST /v1/leads with an Idempotency-Key header.
      throw new Error('createLead is not written yet (lab 01, task 3).');
    },
  };
}

export function toCustomer(contact: AcmeContact): Customer {
  // TODO: follow the mapping table in the README, field by field.
  throw new Error(`toCustomer is not written yet (lab 01, task 5); got contact ${contact.id}.`);
}
