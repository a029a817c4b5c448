import { isAxiosError } from 'axios';
import type { AcmeErrorFields } from '../../labs/04-secure-auth/contract.ts';

export class AcmeError extends Error implements AcmeErrorFields {
  constructor(
    readonly status: number | null,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'AcmeError';
  }
}

/**
 * Rebuilds a failed axios call from what support needs (status, code, request id). The axios error
 * itself is dropped: its config and request carry the secret and the Authorization header.
 */
export function toAcmeError(error: unknown, what: string): unknown {
  if (!isAxiosError(error)) return error;
  const { response } = error;
  if (!response) return new AcmeError(null, error.code ?? 'network_error', `${what} failed: ${error.code ?? 'no answer'}.`);
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as Record<string, string | undefined>;
  const code = body['code'] ?? body['error'] ?? 'unknown';
  const requestId = String(response.headers['x-request-id'] ?? body['request_id'] ?? '');
  const detail = body['detail'] ?? body['error_description'] ?? '';
  return new AcmeError(response.status, code, `${what} failed: ${response.status} ${code}. ${detail} (request id ${requestId})`, requestId);
}
