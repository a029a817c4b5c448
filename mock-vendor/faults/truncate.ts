import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

/**
 * The handler's answer, cut short. The HTTP exchange itself is well formed (the Content-Length
 * matches the bytes sent), so only a client that checks what it parses notices: `JSON.parse` fails.
 */
export const truncate = defineRequestFault({
  name: 'truncate',
  description: 'Serves the real answer cut to keepFraction of its bytes, with a matching Content-Length: the HTTP is fine, the JSON does not parse.',
  options: z
    .object({ keepFraction: z.number().min(0).lt(1).default(0.5) })
    .strict(),
  apply({ options }) {
    return {
      kind: 'rewrite-body',
      rewrite: {
        write(res, status, json) {
          const bytes = Buffer.from(json, 'utf8');
          // Never the whole body, or a tiny one would slip through intact.
          const kept = bytes.subarray(0, Math.max(0, Math.min(bytes.length - 1, Math.floor(bytes.length * options.keepFraction))));
          res.status(status).type('application/json');
          res.setHeader('Content-Length', String(kept.length));
          res.end(kept);
        },
      },
    };
  },
});
