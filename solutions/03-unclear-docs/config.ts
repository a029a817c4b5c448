import { readAcmeConfig, type AcmeConfig } from '../shared/acme-config.ts';

/** The API version the vendor's own requests send; Acme refuses every call without an Acme-Version header. */
export const ACME_VERSION = '2024-06-01';

export function readConfig(env: Record<string, string | undefined>): AcmeConfig & { timeoutMs: number } {
  return { ...readAcmeConfig(env), timeoutMs: Number(env['VENDOR_TIMEOUT_MS'] ?? 5_000) };
}
