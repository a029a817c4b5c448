import type { Response } from 'express';
import { requireToken } from '../auth/require-token.ts';
import { ProblemError } from '../http/problem.ts';
import { sendJson } from '../http/send-json.ts';
import type { Routes } from '../http/route-table.ts';
import { DealCreateV1Schema, DealCreateV2Schema, DealUpdateV1Schema, DealUpdateV2Schema } from '../schemas/deal.ts';
import type { Vendor } from '../vendor.ts';
import type { TenantData } from './tenant-data.ts';
import { sendListPage } from './list-page.ts';
import { parseDecimalAmount } from './money.ts';
import type { ApiVersion } from './present-contact.ts';
import { presentDeal } from './present-deal.ts';
import type { DealRecord } from './records.ts';
import { fieldProblem, validateBody } from './validate-body.ts';
import { ensureRoomForRecords } from './record-cap.ts';

type DealFields = Omit<DealRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** A create or update body, in either version, as storage fields (amounts in minor units). */
function dealFieldsFrom(version: ApiVersion, body: unknown, partial: boolean, data: TenantData): Partial<DealFields> {
  let fields: Partial<DealFields>;
  if (version === 'v1') {
    const input = validateBody(partial ? DealUpdateV1Schema : DealCreateV1Schema, body);
    fields = { contactId: input.contact_id, title: input.title, amountCents: input.amount, currency: input.currency, stage: input.stage, closeDate: input.close_date };
  } else {
    const input = validateBody(partial ? DealUpdateV2Schema : DealCreateV2Schema, body);
    fields = { contactId: input.contact_id, title: input.title, stage: input.stage, closeDate: input.close_date };
    if (input.amount) {
      const parsed = parseDecimalAmount(input.amount.value, input.amount.currency);
      if ('error' in parsed) throw fieldProblem('amount.value', parsed.error);
      fields.amountCents = parsed.minor;
      fields.currency = input.amount.currency;
    }
  }
  if (fields.contactId !== undefined && !data.contacts.get(fields.contactId)) {
    throw fieldProblem('contact_id', `there is no contact "${fields.contactId}"`);
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<DealFields>;
}

/**
 * Deals. v1 sends `amount` as integer cents beside `currency`; v2 as `{ value: "123.45", currency }`.
 * `/v1/deals` is deprecated: see `lifecycle.ts` for the headers it answers with.
 */
export function dealsRoutes(routes: Routes, vendor: Vendor, version: ApiVersion): void {
  const tenant = (res: Response) => res.locals.exchange.tenant!;
  const notFound = (id: string) => new ProblemError({ code: 'not_found', detail: `There is no deal "${id}".` });

  routes.get('/deals', requireToken('deals:read'), (req, res) => {
    const { deals, pageCache } = tenant(res).data;
    sendListPage(req, res, deals, pageCache, (d) => presentDeal(d, version), `deals:${version}`);
  });

  routes.get('/deals/:id', requireToken('deals:read'), (req, res) => {
    const id = String(req.params['id']);
    const deal = tenant(res).data.deals.get(id);
    if (!deal) throw notFound(id);
    sendJson(res, 200, presentDeal(deal, version));
  });

  routes.post('/deals', requireToken('deals:write'), (req, res) => {
    const { data } = tenant(res);
    const fields = dealFieldsFrom(version, req.body, false, data);
    ensureRoomForRecords(vendor.limits, tenant(res), 1);
    const now = tenant(res).clock.now();
    const deal = data.deals.insert({ stage: 'open', closeDate: null, ...fields, id: data.deals.nextId(), createdAt: now, updatedAt: now } as DealRecord);
    vendor.webhooks.emit(tenant(res), 'deal.created', (v) => presentDeal(deal, v), now);
    res.setHeader('Location', `/${version}/deals/${deal.id}`);
    sendJson(res, 201, presentDeal(deal, version));
  });

  routes.patch('/deals/:id', requireToken('deals:write'), (req, res) => {
    const { data } = tenant(res);
    const id = String(req.params['id']);
    if (!data.deals.get(id)) throw notFound(id);
    const deal = data.deals.update(id, { ...dealFieldsFrom(version, req.body, true, data), updatedAt: tenant(res).clock.now() })!;
    vendor.webhooks.emit(tenant(res), 'deal.updated', (v) => presentDeal(deal, v), deal.updatedAt);
    sendJson(res, 200, presentDeal(deal, version));
  });

}
