import type { LeadRecord } from './records.ts';

/** Leads have one shape in both versions. */
export function presentLead(lead: LeadRecord) {
  return {
    id: lead.id,
    email: lead.email,
    name: lead.name,
    source: lead.source,
    note: lead.note,
    contact_id: lead.contactId,
    status: lead.status,
    created_at: new Date(lead.createdAt).toISOString(),
  };
}
