export { createTokenManager } from './token-manager.ts';
export { AcmeError } from './acme-error.ts';
