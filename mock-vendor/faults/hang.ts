import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

/**
 * The vendor accepts the request and never answers: only a client-side timeout saves the caller.
 * The vendor drops the socket after `maxHangMs` so an abandoned test cannot leak it forever.
 */
export const hang = defineRequestFault({
  name: 'hang',
  description: 'Never answers; the connection is dropped after maxHangMs. Only a client timeout helps.',
  options: z
    .object({ maxHangMs: z.number().int().min(100).max(300_000).default(30_000) })
    .strict(),
  apply({ req, res, options }) {
    const timer = setTimeout(() => {
      res.locals.exchange.droppedByVendor = true;
      req.socket.destroy();
    }, options.maxHangMs);
    timer.unref();
    req.socket.once('close', () => clearTimeout(timer));
    return { kind: 'handled' };
  },
});
