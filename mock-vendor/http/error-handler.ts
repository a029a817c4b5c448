import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ProblemError, sendProblem } from './problem.ts';

/** Unknown routes are problems too, not Express's HTML page. */
export const notFound: RequestHandler = function notFound(req, _res, next) {
  next(
    new ProblemError({
      code: 'route_not_found',
      detail: `There is no ${req.method} ${req.path} in the Acme CRM API. The routes are listed at /docs.`,
    }),
  );
};

/**
 * The last word on every error: problem+json, never a stack trace. Errors that are not
 * ProblemErrors are reported as 500 and logged on the vendor's side, with the request id.
 */
export function errorHandler(log: (message: string) => void = console.error): ErrorRequestHandler {
  return function vendorErrorHandler(error, req, res, _next) {
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const problem = toProblem(error);
    if (problem.status >= 500 && !(error instanceof ProblemError)) {
      log(`[acme-crm] ${res.getHeader('X-Request-Id')} ${req.method} ${req.originalUrl} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
    if (res.locals.exchange) res.locals.exchange.errorCode = problem.code;
    sendProblem(res, problem);
  };
}

function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  const type = (error as { type?: string }).type;
  switch (type) {
    case 'entity.too.large':
      return new ProblemError({ code: 'payload_too_large', detail: 'The request body is larger than the 1 MiB the API accepts. Send fewer records per request (bulk imports take up to 1,000).' });
    case 'entity.parse.failed':
      return new ProblemError({ code: 'invalid_json', detail: 'The request body is not valid JSON. Check for trailing commas, unquoted keys or a truncated body.' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemError({ code: 'unsupported_media_type', detail: 'The body must be UTF-8 encoded JSON without a Content-Encoding.' });
    case 'request.aborted':
    case 'request.size.invalid':
      return new ProblemError({ code: 'bad_request', detail: 'The request body ended before its declared length.' });
  }
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ProblemError({ code: 'bad_request', status, detail: 'The request could not be read.' });
  }
  return new ProblemError({ code: 'internal_error', detail: 'Acme CRM failed to process this request. Quote the request_id when contacting support.' });
}
