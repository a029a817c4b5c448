export interface AcmeConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Acme's address and credentials from the environment; a missing one is named in the error. */
export function readAcmeConfig(env: Record<string, string | undefined>): AcmeConfig {
  const missing = ['VENDOR_BASE_URL', 'VENDOR_CLIENT_ID', 'VENDOR_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Missing configuration: set ${missing.join(', ')} (npm start writes them to .env).`);
  return { baseUrl: env['VENDOR_BASE_URL']!, clientId: env['VENDOR_CLIENT_ID']!, clientSecret: env['VENDOR_CLIENT_SECRET']! };
}
