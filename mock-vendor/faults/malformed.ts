import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

const BODIES = {
  /** What an nginx in front of the vendor sends when the upstream falls over. */
  html: '<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n',
  /** JSON-looking noise whose array and object never close (no `]` or `}`): never valid JSON. */
  garbage: '{"data": [{"id": "ct_0\u0000\u0000\ufffd\ufffd", "email" "ada@,, :[{ \u001bnull',
} as const;

/**
 * The answer is labelled `application/json` but is not JSON: an HTML error page from a proxy in
 * front of the vendor, or garbled bytes. A client that trusts the Content-Type crashes in its parser.
 */
export const malformed = defineRequestFault({
  name: 'malformed',
  description: 'Replaces the body with something that is not JSON (an HTML proxy error page, or garbage) while still labelling it application/json.',
  options: z
    .object({
      mode: z.enum(['html', 'garbage']).default('html'),
      /** Answer with this status instead of the handler's (a proxy page usually comes with 502). */
      status: z.number().int().min(200).max(599).optional(),
    })
    .strict(),
  apply({ options }) {
    return {
      kind: 'rewrite-body',
      rewrite: {
        write(res, status) {
          res.status(options.status ?? status).type('application/json').send(BODIES[options.mode]);
        },
      },
    };
  },
});
