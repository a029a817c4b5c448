import type { Response } from 'express';

/**
 * Every successful JSON answer goes through here, so body faults (schema drift, truncation,
 * slow drip) see exactly what the handler meant to send. `serialised`, when given, is the body
 * already turned into JSON (cached pages); it is used only when no fault rewrites the body.
 */
export function sendJson(res: Response, status: number, body: unknown, serialised?: string): void {
  const rewrite = res.locals.exchange?.bodyRewrite;
  if (!rewrite) {
    res.status(status).type('application/json').send(serialised ?? JSON.stringify(body));
    return;
  }
  const json = JSON.stringify(rewrite.transform ? rewrite.transform(body) : body);
  if (rewrite.write) rewrite.write(res, status, json);
  else res.status(status).type('application/json').send(json);
}
