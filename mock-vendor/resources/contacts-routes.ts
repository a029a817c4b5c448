import { requireToken } from '../auth/require-token.ts';
import { ProblemError } from '../http/problem.ts';
import { sendJson } from '../http/send-json.ts';
import type { Routes } from '../http/route-table.ts';
import { CONTACT_STATUSES, ContactCreateV1Schema, ContactCreateV2Schema, ContactUpdateV1Schema, type ContactStatusCode } from '../schemas/contact.ts';
import type { Vendor } from '../vendor.ts';
import { sendListPage } from './list-page.ts';
import { presentContact, type ApiVersion } from './present-contact.ts';
import type { Collection } from './collection.ts';
import type { ContactRecord } from './records.ts';
import { validateBody } from './validate-body.ts';
import { ensureRoomForRecords } from './record-cap.ts';

const STATUS_CODES = Object.fromEntries(Object.entries(CONTACT_STATUSES).map(([code, label]) => [label, Number(code)])) as Record<
  string,
  ContactStatusCode
>;

type ContactFields = Omit<ContactRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** The wire body of a create or update, in either version, as storage fields. */
export function fieldsFrom(version: ApiVersion, body: unknown, partial: boolean): Partial<ContactFields> {
  if (version === 'v1') {
    const input = validateBody(partial ? ContactUpdateV1Schema : ContactCreateV1Schema, body);
    return strip({
      firstName: input.first_name,
      lastName: input.last_name,
      email: input.email,
      phone: input.phone,
      company: input.company,
      status: input.status,
      country: input.country?.toUpperCase() ?? input.country,
      optIn: input.opt_in === undefined ? undefined : input.opt_in === 'Y',
    });
  }
  const input = validateBody(partial ? ContactCreateV2Schema.partial() : ContactCreateV2Schema, body);
  return strip({
    firstName: input.name?.first,
    lastName: input.name?.last,
    email: input.email,
    phone: input.phone,
    company: input.company === undefined ? undefined : (input.company?.name ?? null),
    status: input.status === undefined ? undefined : STATUS_CODES[input.status],
    country: input.country_code?.toUpperCase() ?? input.country_code,
    optIn: input.marketing_opt_in,
  });
}

function strip<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Stores a new contact from create fields, with the defaults a create leaves out. Imports use it too. */
export function insertContact(contacts: Collection<ContactRecord>, fields: Partial<ContactFields>, now: number): ContactRecord {
  const defaults = { phone: null, company: null, status: 1, country: null, optIn: false };
  return contacts.insert({ ...defaults, ...fields, id: contacts.nextId(), createdAt: now, updatedAt: now } as ContactRecord);
}

export function contactsRoutes(routes: Routes, vendor: Vendor, version: ApiVersion): void {
  const data = (res: import('express').Response) => res.locals.exchange.tenant!.data;
  const notFound = (id: string) => new ProblemError({ code: 'not_found', detail: `There is no contact "${id}".` });

  routes.get('/contacts', requireToken('contacts:read'), (req, res) => {
    const { contacts, pageCache } = data(res);
    sendListPage(req, res, contacts, pageCache, (c) => presentContact(c, version), `contacts:${version}`);
  });

  routes.get('/contacts/:id', requireToken('contacts:read'), (req, res) => {
    const id = String(req.params['id']);
    const contact = data(res).contacts.get(id);
    if (!contact) throw notFound(id);
    sendJson(res, 200, presentContact(contact, version));
  });

  routes.post('/contacts', requireToken('contacts:write'), (req, res) => {
    const { contacts } = data(res);
    ensureRoomForRecords(vendor.limits, res.locals.exchange.tenant!, 1);
    const contact = insertContact(contacts, fieldsFrom(version, req.body, false), res.locals.exchange.tenant!.clock.now());
    vendor.webhooks.emit(res.locals.exchange.tenant!, 'contact.created', (v) => presentContact(contact, v), contact.createdAt);
    res.setHeader('Location', `/${version}/contacts/${contact.id}`);
    sendJson(res, 201, presentContact(contact, version));
  });

  routes.patch('/contacts/:id', requireToken('contacts:write'), (req, res) => {
    const { contacts } = data(res);
    const id = String(req.params['id']);
    if (!contacts.get(id)) throw notFound(id);
    const contact = contacts.update(id, { ...fieldsFrom(version, req.body, true), updatedAt: res.locals.exchange.tenant!.clock.now() })!;
    vendor.webhooks.emit(res.locals.exchange.tenant!, 'contact.updated', (v) => presentContact(contact, v), contact.updatedAt);
    sendJson(res, 200, presentContact(contact, version));
  });

  routes.delete('/contacts/:id', requireToken('contacts:write'), (req, res) => {
    const id = String(req.params['id']);
    if (!data(res).contacts.delete(id)) throw notFound(id);
    vendor.webhooks.emit(res.locals.exchange.tenant!, 'contact.deleted', () => ({ id }));
    res.status(204).end();
  });

}
