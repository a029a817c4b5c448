export { createAcmeClient } from './acme-client.ts';
export { toCustomer } from './to-customer.ts';
export { VendorError } from './vendor-error.ts';
