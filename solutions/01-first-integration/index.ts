export { createAcmeClient } from './acme-client.ts';
export { toCustomer } from './to-customer.ts';
export { VendorError } from '../shared/vendor-error.ts';
