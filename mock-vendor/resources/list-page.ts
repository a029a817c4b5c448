import type { Request, Response } from 'express';
import { sendJson } from '../http/send-json.ts';
import type { Collection } from './collection.ts';
import { encodeCursor, readPageRequest, setNextLink } from './pagination.ts';

const MAX_CACHED_PAGES = 500;

export interface CachedPage {
  /** The serialised page, UTF-8 encoded once. */
  body: Buffer;
  nextCursor: string | null;
}

/**
 * Answers a cursor-paginated list. Serialised pages are cached per collection version, so a
 * client paging through unchanged data costs the vendor almost nothing. A fault that rewrites the
 * body bypasses the cache and sees the page as objects.
 */
export function sendListPage<T extends { id: string }>(
  req: Request,
  res: Response,
  collection: Collection<T>,
  cache: Map<string, CachedPage>,
  present: (item: T) => unknown,
  cacheScope: string,
): void {
  const page = readPageRequest(req);
  const key = `${cacheScope}:${collection.version}:${page.afterId ?? ''}:${page.limit}`;
  const cached = cache.get(key);
  if (cached && !res.locals.exchange.bodyRewrite) {
    setNextLink(req, res, cached.nextCursor);
    // res.send would re-derive type, length and charset on every request; all three are known.
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', cached.body.length);
    res.end(req.method === 'HEAD' ? undefined : cached.body);
    return;
  }
  const { items, hasMore } = collection.pageAfter(page.afterId, page.limit);
  const nextCursor = hasMore && items.length > 0 ? encodeCursor(items[items.length - 1]!.id) : null;
  const body = { data: items.map(present), next_cursor: nextCursor };
  if (cache.size >= MAX_CACHED_PAGES) cache.clear();
  cache.set(key, { body: Buffer.from(JSON.stringify(body)), nextCursor });
  setNextLink(req, res, nextCursor);
  sendJson(res, 200, body);
}
