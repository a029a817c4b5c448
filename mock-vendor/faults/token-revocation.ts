import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

/**
 * The token the client holds is revoked right now (an admin, a security tool, a secret rotation):
 * this request and every later one with that token get 401 `invalid_token`.
 */
export const tokenRevocation = defineRequestFault({
  name: 'token-revocation',
  description: 'Revokes the bearer token the request carries, so it is refused with 401 invalid_token from now on.',
  options: z.object({}).strict(),
  apply({ tokenId, revokeToken }) {
    if (tokenId !== undefined) revokeToken(tokenId);
    return { kind: 'continue' };
  },
});
