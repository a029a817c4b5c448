import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

/**
 * The token the client holds expires right now, mid-run: this request and every later one with
 * that token get 401 with `WWW-Authenticate: Bearer error="invalid_token"` until it gets a new one.
 */
export const tokenExpiry = defineRequestFault({
  name: 'token-expiry',
  description: 'Expires the bearer token the request carries, so it is refused with 401 invalid_token from now on (the token expired mid-run).',
  options: z.object({}).strict(),
  apply({ tokenId, expireToken }) {
    if (tokenId !== undefined) expireToken(tokenId);
    return { kind: 'continue' };
  },
});
