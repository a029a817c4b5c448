import { ContactCreateV1Schema, ContactCreateV2Schema, ContactUpdateV1Schema, ContactV1Schema, ContactV2Schema } from '../../schemas/contact.ts';
import { pageOf } from '../../schemas/page.ts';
import { named } from '../json-schemas.ts';
import { eachVersion, type OperationSpec } from '../operation.ts';
import { contactId, cursor, limit } from './shared.ts';

const ContactPageV1 = pageOf(ContactV1Schema, 'ContactPageV1');
const ContactPageV2 = pageOf(ContactV2Schema, 'ContactPageV2');
/** The vendor validates v2 updates with `ContactCreateV2Schema.partial()`; this is that schema, named. */
const ContactUpdateV2 = named(ContactCreateV2Schema.partial(), 'ContactUpdateV2');

const contacts = {
  v1: { item: ContactV1Schema, page: ContactPageV1, create: ContactCreateV1Schema, update: ContactUpdateV1Schema },
  v2: { item: ContactV2Schema, page: ContactPageV2, create: ContactCreateV2Schema, update: ContactUpdateV2 },
} as const;

export const contactOperations = eachVersion(['v1', 'v2'], (version, suffix): OperationSpec[] => [
  {
    operationId: `listContacts${suffix}`,
    method: 'get',
    path: `/${version}/contacts`,
    version,
    tag: 'Contacts',
    summary: `List contacts (${version})`,
    description: 'Oldest first, one page at a time.',
    auth: { kind: 'bearer', scope: 'contacts:read' },
    parameters: [limit, cursor],
    responses: [{ status: 200, description: 'One page of contacts.', schema: contacts[version].page, headers: ['Link'] }],
    errors: ['invalid_query', 'invalid_cursor'],
  },
  {
    operationId: `getContact${suffix}`,
    method: 'get',
    path: `/${version}/contacts/{id}`,
    version,
    tag: 'Contacts',
    summary: `Get a contact (${version})`,
    auth: { kind: 'bearer', scope: 'contacts:read' },
    parameters: [contactId],
    responses: [{ status: 200, description: 'The contact.', schema: contacts[version].item }],
    errors: ['not_found'],
  },
  {
    operationId: `createContact${suffix}`,
    method: 'post',
    path: `/${version}/contacts`,
    version,
    tag: 'Contacts',
    summary: `Create a contact (${version})`,
    auth: { kind: 'bearer', scope: 'contacts:write' },
    requestBody: { schema: contacts[version].create, contentType: 'application/json' },
    responses: [{ status: 201, description: 'Created. `Location` names the new contact.', schema: contacts[version].item, headers: ['Location'] }],
    errors: ['validation_failed'],
  },
  {
    operationId: `updateContact${suffix}`,
    method: 'patch',
    path: `/${version}/contacts/{id}`,
    version,
    tag: 'Contacts',
    summary: `Update a contact (${version})`,
    description: 'Send only the fields to change.',
    auth: { kind: 'bearer', scope: 'contacts:write' },
    parameters: [contactId],
    requestBody: { schema: contacts[version].update, contentType: 'application/json' },
    responses: [{ status: 200, description: 'The contact after the change.', schema: contacts[version].item }],
    errors: ['not_found', 'validation_failed'],
  },
  {
    operationId: `deleteContact${suffix}`,
    method: 'delete',
    path: `/${version}/contacts/{id}`,
    version,
    tag: 'Contacts',
    summary: `Delete a contact (${version})`,
    auth: { kind: 'bearer', scope: 'contacts:write' },
    parameters: [contactId],
    responses: [{ status: 204, description: 'Deleted. No body.' }],
    errors: ['not_found'],
  },
]);
