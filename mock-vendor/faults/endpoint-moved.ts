import { z } from 'zod';
import { ProblemError } from '../http/problem.ts';
import { defineRequestFault } from './fault.ts';

const pathPrefix = z.string().startsWith('/', 'must be a path starting with "/"');

/**
 * The vendor moved the resource. `308` (or `301`/`307`) sends the client to the successor with a
 * `Location` and a `Link` to it; `410` says the old address is gone for good, as problem+json with
 * the same `Link`, so a client can name where to migrate.
 */
export const endpointMoved = defineRequestFault({
  name: 'endpoint-moved',
  description: 'Answers a moved resource: a redirect (default 308) to the successor, or 410 Gone problem+json; both with Link rel="successor-version". The successor replaces the path prefix `from` with `to`, query kept.',
  options: z
    .object({
      from: pathPrefix,
      to: pathPrefix,
      status: z.union([z.literal(301), z.literal(307), z.literal(308), z.literal(410)]).default(308),
    })
    .strict(),
  apply({ req, res, options, sendProblem }) {
    const path = req.path.startsWith(options.from) ? options.to + req.path.slice(options.from.length) : options.to;
    const query = req.originalUrl.indexOf('?');
    const successor = query === -1 ? path : path + req.originalUrl.slice(query);
    const link = `<${path}>; rel="successor-version"`;
    if (options.status === 410) {
      sendProblem(
        new ProblemError({
          code: 'gone',
          detail: `${req.path} has been removed. Its successor is ${path}; see the Link header and the migration guide.`,
          headers: { Link: link },
        }),
      );
    } else {
      res.setHeader('Link', link);
      res.status(options.status).location(successor).end();
    }
    return { kind: 'handled' };
  },
});
