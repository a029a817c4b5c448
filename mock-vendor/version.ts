import pkg from '../package.json' with { type: 'json' };

/** Sent on every response as `X-Acme-Mock-Version`: the mock says what it is. */
export const VENDOR_VERSION: string = `acme-crm-mock/${pkg.version}`;
