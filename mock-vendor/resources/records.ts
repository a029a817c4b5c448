import type { ContactStatusCode } from '../schemas/contact.ts';

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
  status: 'new' | 'qualified' | 'rejected';
  createdAt: number;
}
