import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

/** The TCP connection is torn down with an RST: the client sees ECONNRESET and no response. */
export const reset = defineRequestFault({
  name: 'reset',
  description: 'Resets the TCP connection before any response: the client gets ECONNRESET.',
  options: z.object({}).strict(),
  apply({ req }) {
    const socket = req.socket;
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
    return { kind: 'handled' };
  },
});
