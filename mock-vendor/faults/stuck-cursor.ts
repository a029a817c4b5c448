import { z } from 'zod';
import { nextLink } from '../resources/pagination.ts';
import { defineRequestFault } from './fault.ts';

/**
 * Paging stops advancing, as when a vendor's cursor bug ships: a page asked for with a cursor
 * comes back with that same cursor as `next_cursor` (and in `Link: rel="next"`), so a client that
 * follows it is served the same page again, for ever. A first page (no cursor) is left alone.
 */
export const stuckCursor = defineRequestFault({
  name: 'stuck-cursor',
  description: 'Answers a page asked for with a cursor with that same cursor as next_cursor and in Link rel="next": following it serves the same page again, for ever. Pages without a cursor are left alone.',
  options: z.object({}).strict(),
  apply({ res }) {
    const { path, query } = res.locals.exchange;
    const cursor = new URLSearchParams(query).get('cursor');
    if (!cursor) return { kind: 'continue' };
    return {
      kind: 'rewrite-body',
      rewrite: {
        transform(body) {
          if (typeof body !== 'object' || body === null || !('next_cursor' in body)) return body;
          res.setHeader('Link', nextLink(path, query, cursor));
          return { ...body, next_cursor: cursor };
        },
      },
    };
  },
});
