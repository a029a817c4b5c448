import { isAxiosError } from 'axios';

/** An error answer from Acme CRM with the fields support asks for: status, problem code and request id. */
export class VendorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly requestId: string,
    detail: string,
  ) {
    super(`Acme CRM answered ${status} ${code}: ${detail} (request id ${requestId})`);
    this.name = 'VendorError';
  }
}

/** Turns an axios error carrying an Acme problem+json answer into a VendorError; anything else is returned as it is. */
export function toVendorError(error: unknown): unknown {
  if (!isAxiosError(error) || !error.response) return error;
  const { status, data, headers } = error.response;
  const problem = (typeof data === 'object' && data !== null ? data : {}) as { code?: string; detail?: string; request_id?: string };
  return new VendorError(status, problem.code ?? 'unknown', problem.request_id ?? String(headers['x-request-id'] ?? ''), problem.detail ?? error.message);
}
