import type { Response } from 'express';
import { requireToken } from '../auth/require-token.ts';
import { ProblemError } from '../http/problem.ts';
import { sendJson } from '../http/send-json.ts';
import type { Routes } from '../http/route-table.ts';
import { LeadCreateSchema } from '../schemas/lead.ts';
import type { Vendor } from '../vendor.ts';
import { idempotent, rememberedHandler } from './idempotency.ts';
import { sendListPage } from './list-page.ts';
import type { ApiVersion } from './present-contact.ts';
import { presentLead } from './present-lead.ts';
import { fieldProblem, validateBody } from './validate-body.ts';
import { ensureRoomForRecords } from './record-cap.ts';

/** Leads: one shape in both versions; creating one honours `Idempotency-Key`. */
export function leadsRoutes(routes: Routes, vendor: Vendor, version: ApiVersion): void {
  const tenant = (res: Response) => res.locals.exchange.tenant!;

  routes.get('/leads', requireToken('leads:read'), (req, res) => {
    const { leads, pageCache } = tenant(res).data;
    sendListPage(req, res, leads, pageCache, presentLead, 'leads');
  });

  routes.get('/leads/:id', requireToken('leads:read'), (req, res) => {
    const id = String(req.params['id']);
    const lead = tenant(res).data.leads.get(id);
    if (!lead) throw new ProblemError({ code: 'not_found', detail: `There is no lead "${id}".` });
    sendJson(res, 200, presentLead(lead));
  });

  routes.post(
    '/leads',
    requireToken('leads:write'),
    idempotent(),
    rememberedHandler((req, res) => {
      const input = validateBody(LeadCreateSchema, req.body);
      ensureRoomForRecords(vendor.limits, tenant(res), 1);
      const { leads, contacts } = tenant(res).data;
      const contactId = input.contact_id ?? null;
      if (contactId !== null && !contacts.get(contactId)) throw fieldProblem('contact_id', `there is no contact "${contactId}"`);
      const lead = leads.insert({
        id: leads.nextId(),
        email: input.email,
        name: input.name ?? null,
        source: input.source,
        note: input.note ?? null,
        contactId,
        status: 'new',
        createdAt: tenant(res).clock.now(),
      });
      const body = presentLead(lead);
      vendor.webhooks.emit(tenant(res), 'lead.created', () => body, lead.createdAt);
      return { status: 201, body, headers: { Location: `/${version}/leads/${lead.id}` } };
    }),
  );

}
