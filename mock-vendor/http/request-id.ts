import { randomUUID } from 'node:crypto';

const ACCEPTABLE = /^[\w.:\-]{1,128}$/;

/** The client's own `X-Request-Id` when it is sane, otherwise a fresh one. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE.test(value) ? value : `req_${randomUUID().replaceAll('-', '')}`;
}
