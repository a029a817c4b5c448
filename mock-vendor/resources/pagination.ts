import type { Request, Response } from 'express';
import { ProblemError } from '../http/problem.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  limit: number;
  afterId: string | undefined;
}

/** Cursors are opaque to clients: base64url JSON naming the last id seen. */
export function encodeCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
}

export function readPageRequest(req: Request): PageRequest {
  const { limit: rawLimit, cursor: rawCursor } = req.query;
  let limit: number = DEFAULT_PAGE_SIZE;
  if (rawLimit !== undefined) {
    limit = typeof rawLimit === 'string' && /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) {
      throw new ProblemError({ code: 'invalid_query', detail: `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}; got "${String(rawLimit)}".` });
    }
  }
  if (rawCursor === undefined || rawCursor === '') return { limit, afterId: undefined };
  const afterId = typeof rawCursor === 'string' ? decodeCursor(rawCursor) : undefined;
  if (afterId === undefined) {
    throw new ProblemError({ code: 'invalid_cursor', detail: 'cursor is not one this API issued. Pass back next_cursor from the previous page unchanged, or omit it to start over.' });
  }
  return { limit, afterId };
}

function decodeCursor(cursor: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    return typeof parsed.after === 'string' && /^[a-z]{2}_\d{6,}$/.test(parsed.after) ? parsed.after : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 8288 `Link: <...>; rel="next"`: the same path and query, with the new cursor. */
export function nextLink(path: string, query: string, nextCursor: string): string {
  const params = new URLSearchParams(query);
  params.set('cursor', nextCursor);
  return `<${path}?${params}>; rel="next"`;
}

/** Adds a link to the response's one `Link` header (RFC 8288 allows a comma-separated list). */
export function appendLink(res: Response, link: string): void {
  const current = res.getHeader('Link');
  res.setHeader('Link', current === undefined ? link : `${Array.isArray(current) ? current.join(', ') : String(current)}, ${link}`);
}
