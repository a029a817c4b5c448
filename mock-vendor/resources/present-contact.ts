import { CONTACT_STATUSES } from '../schemas/contact.ts';
import type { ContactRecord } from './records.ts';

export type ApiVersion = 'v1' | 'v2';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentContact(contact: ContactRecord, version: ApiVersion) {
  if (version === 'v1') {
    return {
      id: contact.id,
      first_name: contact.firstName,
      last_name: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      company: contact.company,
      status: contact.status,
      country: contact.country,
      opt_in: contact.optIn ? 'Y' : 'N',
      created_at: iso(contact.createdAt),
      updated_at: iso(contact.updatedAt),
    };
  }
  return {
    id: contact.id,
    name: { first: contact.firstName, last: contact.lastName },
    email: contact.email,
    phone: contact.phone,
    company: contact.company === null ? null : { name: contact.company },
    status: CONTACT_STATUSES[contact.status],
    country_code: contact.country,
    marketing_opt_in: contact.optIn,
    created_at: iso(contact.createdAt),
    updated_at: iso(contact.updatedAt),
  };
}
