import { readAcmeConfig, type AcmeConfig } from '../shared/acme-config.ts';

export function readConfig(env: Record<string, string | undefined>): AcmeConfig & { timeoutMs: number } {
  const timeoutMs = Number(env['VENDOR_TIMEOUT_MS'] ?? 5_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`VENDOR_TIMEOUT_MS must be a positive whole number of milliseconds.`);
  return { ...readAcmeConfig(env), timeoutMs };
}
