import { readFile } from 'node:fs/promises';

export interface AcmeConfig {
  baseUrl: string;
  clientId: string;
  /** Read on every token request, so a rotated secret in the file reaches a running process. */
  readSecret(): Promise<string>;
}

export function readConfig(env: Record<string, string | undefined>): AcmeConfig {
  const { VENDOR_BASE_URL: baseUrl, VENDOR_CLIENT_ID: clientId, VENDOR_CLIENT_SECRET: secret, VENDOR_CLIENT_SECRET_FILE: secretFile } = env;
  const missing = [!baseUrl && 'VENDOR_BASE_URL', !clientId && 'VENDOR_CLIENT_ID', !secret && !secretFile && 'VENDOR_CLIENT_SECRET_FILE or VENDOR_CLIENT_SECRET'].filter(Boolean);
  if (missing.length > 0) throw new Error(`Missing configuration: set ${missing.join(', ')}.`);
  return { baseUrl: baseUrl!, clientId: clientId!, readSecret: secretFile ? () => readSecretFile(secretFile) : async () => secret! };
}

async function readSecretFile(path: string): Promise<string> {
  const secret = await readFile(path, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      throw new Error(`Cannot read the client secret from VENDOR_CLIENT_SECRET_FILE (${path}): ${error.code ?? 'unreadable'}.`);
    },
  );
  if (!secret) throw new Error(`VENDOR_CLIENT_SECRET_FILE (${path}) is empty.`);
  return secret;
}
