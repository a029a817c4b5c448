export { mapContacts } from './map-contacts.ts';
export { mapDeals } from './map-deals.ts';
export { toVendorContact, toVendorDeal } from './reverse.ts';
