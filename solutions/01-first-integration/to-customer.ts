import type { AcmeContact, Customer } from '../../labs/01-first-integration/contract.ts';

const LIFECYCLE: Record<number, Customer['lifecycle']> = { 1: 'lead', 2: 'active', 3: 'churned', 4: 'archived' };

export function toCustomer(contact: AcmeContact): Customer {
  const lifecycle = LIFECYCLE[contact.status];
  if (!lifecycle) throw new Error(`Contact ${contact.id} has unknown status ${contact.status}`);
  return {
    externalId: contact.id,
    source: 'acme-crm',
    fullName: `${contact.first_name.trim()} ${contact.last_name.trim()}`.trim(),
    email: contact.email.trim().toLowerCase(),
    phone: contact.phone || null,
    company: contact.company?.trim() || null,
    country: contact.country?.toUpperCase() || null,
    lifecycle,
    marketingOptIn: contact.opt_in === 'Y',
    createdAt: new Date(contact.created_at).toISOString(),
  };
}
