export { createLeadOutbox } from './lead-outbox.ts';
export { importContacts } from './import-contacts.ts';
export { createWebhookReceiver } from './webhook-receiver.ts';
