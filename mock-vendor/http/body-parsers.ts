import express, { type RequestHandler } from 'express';
import { ProblemError } from './problem.ts';

export const BODY_LIMIT = '1mb';
/** BODY_LIMIT in bytes: what the parsers enforce, and what a declared Content-Length is held to before reading. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const JSON_TYPES = ['application/json', 'application/*+json'];

/** Deeper JSON is refused: nothing in the API nests that far, and recursive code must not meet it. */
export const MAX_JSON_DEPTH = 64;

export const parseJson = express.json({ limit: BODY_LIMIT_BYTES, type: JSON_TYPES, strict: false, verify: refuseDeepJson });
export const parseForm = express.urlencoded({ extended: false, limit: BODY_LIMIT_BYTES });

/** A body the API cannot read as JSON is refused with 415 rather than silently ignored. */
export const requireJsonBody: RequestHandler = function requireJsonBody(req, _res, next) {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is(JSON_TYPES)) {
    next(
      new ProblemError({
        code: 'unsupported_media_type',
        detail: `The API accepts JSON bodies only, but this request sent Content-Type "${req.headers['content-type'] ?? '(none)'}". Send "Content-Type: application/json".`,
      }),
    );
    return;
  }
  next();
};

/** Scans the raw body once (strings skipped) and refuses nesting beyond `MAX_JSON_DEPTH`. */
function refuseDeepJson(_req: unknown, _res: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new ProblemError({ code: 'invalid_json', detail: `The JSON body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep. Flatten it.` });
      }
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
}
