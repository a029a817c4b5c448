import express, { type RequestHandler } from 'express';
import { ProblemError } from './problem.ts';

export const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/json', 'application/*+json'];

export const parseJson = express.json({ limit: BODY_LIMIT, type: JSON_TYPES, strict: false });
export const parseForm = express.urlencoded({ extended: false, limit: BODY_LIMIT });

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
