import type { ContactStatusCode } from '../schemas/contact.ts';
import type { WebhookEventType } from '../schemas/webhook.ts';
import type { ApiVersion } from './present-contact.ts';

/** The vendor's own storage shapes; `present-*.ts` turns them into v1 or v2 wire shapes. */
export interface ContactRecord {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  company: string | null;
  status: ContactStatusCode;
  country: string | null;
  optIn: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface DealRecord {
  id: string;
  contactId: string;
  title: string;
  amountCents: number;
  currency: string;
  stage: 'open' | 'won' | 'lost';
  closeDate: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface LeadRecord {
  id: string;
  email: string;
  name: string | null;
  source: string;
  note: string | null;
  contactId: string | null;
  status: 'new' | 'qualified' | 'rejected';
  createdAt: number;
}

/** A webhook subscription. `version` decides the shapes of event `data`. */
export interface WebhookRecord {
  id: string;
  url: string;
  events: WebhookEventType[];
  version: ApiVersion;
  /** `whsec_…`, the HMAC key; shown to the client once, at creation. */
  secret: string;
  createdAt: number;
}
