import type { AcmeContactRecord, AcmeDealRecord, Customer, Opportunity } from '../../labs/06-data-mapping/contract.ts';
import { LIFECYCLES, STAGES, codeFor } from './codes.ts';
import { parseMinorUnits } from './money.ts';

const FLAGS = new Map([[true, 'Y'], [false, 'N'], [null, '']]);

export function toVendorContact(customer: Customer): AcmeContactRecord {
  return {
    id: customer.externalId,
    full_name: [customer.firstName, customer.lastName].filter(Boolean).join(' '),
    email: customer.email,
    phone: customer.phone,
    company: customer.company,
    status: codeFor(LIFECYCLES, customer.lifecycle),
    country: customer.country,
    opt_in: FLAGS.get(customer.marketingOptIn)!,
    created_at: customer.createdAt,
  };
}

export function toVendorDeal(opportunity: Opportunity): AcmeDealRecord {
  return {
    id: opportunity.externalId,
    contact_id: opportunity.customerExternalId,
    title: opportunity.title,
    amount: parseMinorUnits(opportunity.amount),
    currency: opportunity.amount.currency,
    stage: codeFor(STAGES, opportunity.stage),
    close_date: opportunity.closeDate,
    created_at: opportunity.createdAt,
  };
}
