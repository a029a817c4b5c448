import { randomBytes } from 'node:crypto';

/** The admin token guards every tenant's data and clock: one guessable in a few tries is refused at start. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

export function generateAdminToken(): string {
  return `acme_admin_${randomBytes(24).toString('base64url')}`;
}

/** The given token, or a clear start-up error when it is too short to guard anything. */
export function checkAdminToken(token: string): string {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(
      `the admin token (VENDOR_ADMIN_TOKEN) is ${token.length} character${token.length === 1 ? '' : 's'} long; it must be at least ${MIN_ADMIN_TOKEN_LENGTH}. ` +
        'Make one with: openssl rand -base64 24 (or unset VENDOR_ADMIN_TOKEN and npm start generates one).',
    );
  }
  return token;
}
