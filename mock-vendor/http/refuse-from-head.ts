import type { RequestHandler } from 'express';
import { BODY_LIMIT_BYTES } from './body-parsers.ts';
import { ProblemError } from './problem.ts';

/*
 * Requests refused from their head alone, before a byte of body is read. Both answers close the
 * connection: the unread body (if any) must not be taken for the next request, nor waited for.
 */

/**
 * HTTP/1.1 requires Host (RFC 9112 §3.2). Node's own check answers a bare 400 with no body, so the
 * server lets such requests through (`requireHostHeader: false`) and they are refused here.
 */
export const refuseMissingHost: RequestHandler = function refuseMissingHost(req, _res, next) {
  if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    throw new ProblemError({
      code: 'bad_request',
      detail: 'HTTP/1.1 requests must carry a Host header (RFC 9112 §3.2). Send "Host: <host:port of the vendor>"; HTTP clients do this for you.',
      headers: { Connection: 'close' },
    });
  }
  next();
};

/** A declared Content-Length over the limit is refused at once, instead of waiting for a body that may never come. */
export const refuseOversizedBody: RequestHandler = function refuseOversizedBody(req, _res, next) {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > BODY_LIMIT_BYTES) {
    throw new ProblemError({
      code: 'payload_too_large',
      detail: `The request declares a body of ${declared} bytes; the API accepts at most ${BODY_LIMIT_BYTES} bytes (1 MiB). Send fewer records per request (bulk imports take up to 1,000).`,
      headers: { Connection: 'close' },
      extra: { limitBytes: BODY_LIMIT_BYTES },
    });
  }
  next();
};
