import type { Request, Response } from 'express';
import { sendJson } from '../http/send-json.ts';
import type { Collection } from './collection.ts';
import { appendLink, encodeCursor, nextLink, readPageRequest } from './pagination.ts';

const MAX_CACHED_PAGES = 500;

export interface CachedPage {
  /** The serialised page, UTF-8 encoded once. */
  body: Buffer;
  /** The `Link: <...>; rel="next"` value for this path and query, or null on the last page. */
  nextLink: string | null;
}

/**
 * Answers a cursor-paginated list. Serialised pages are cached per collection version and raw
 * query string, so a client paging through unchanged data costs the vendor almost nothing: a hit
 * skips parsing the query, finding the items and building the next link. Only a query that was
 * valid is ever cached. A fault that rewrites the body bypasses the cache and sees the page as objects.
 */
export function sendListPage<T extends { id: string }>(
  req: Request,
  res: Response,
  collection: Collection<T>,
  cache: Map<string, CachedPage>,
  present: (item: T) => unknown,
  cacheScope: string,
): void {
  const { path, query, bodyRewrite } = res.locals.exchange;
  const key = `${cacheScope}:${collection.version}:${path}?${query}`;
  const cached = bodyRewrite ? undefined : cache.get(key);
  if (cached) {
    if (cached.nextLink !== null) appendLink(res, cached.nextLink);
    // res.send would re-derive type, length and charset on every request; all three are known.
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', cached.body.length);
    res.end(req.method === 'HEAD' ? undefined : cached.body);
    return;
  }
  const page = readPageRequest(req);
  const { items, hasMore } = collection.pageAfter(page.afterId, page.limit);
  const nextCursor = hasMore && items.length > 0 ? encodeCursor(items[items.length - 1]!.id) : null;
  const body = { data: items.map(present), next_cursor: nextCursor };
  const link = nextCursor === null ? null : nextLink(path, query, nextCursor);
  if (cache.size >= MAX_CACHED_PAGES) cache.clear();
  cache.set(key, { body: Buffer.from(JSON.stringify(body)), nextLink: link });
  if (link !== null) appendLink(res, link);
  sendJson(res, 200, body);
}
