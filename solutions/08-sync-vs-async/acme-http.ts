import axios, { isAxiosError, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { createTokenProvider } from '../shared/token-provider.ts';

export type AcmeRequest = <T = unknown>(request: AxiosRequestConfig) => Promise<AxiosResponse<T>>;

export function readAcmeEnv(env: Record<string, string | undefined>) {
  const missing = ['VENDOR_BASE_URL', 'VENDOR_CLIENT_ID', 'VENDOR_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Missing configuration: set ${missing.join(', ')} (npm start writes them to .env).`);
  const timeoutMs = Number(env['VENDOR_TIMEOUT_MS'] ?? 5_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error('VENDOR_TIMEOUT_MS must be a positive whole number of milliseconds.');
  return { baseUrl: env['VENDOR_BASE_URL']!, clientId: env['VENDOR_CLIENT_ID']!, clientSecret: env['VENDOR_CLIENT_SECRET']!, timeoutMs };
}

/** Authenticated requests to Acme with a timeout; a token Acme refuses is replaced once. */
export function createAcmeRequest(env: Record<string, string | undefined>, scope: string): AcmeRequest {
  const config = readAcmeEnv(env);
  const http = axios.create({ baseURL: config.baseUrl, timeout: config.timeoutMs });
  const tokens = createTokenProvider(http, config, scope);

  return async function acmeRequest<T>(request: AxiosRequestConfig, retried = false): Promise<AxiosResponse<T>> {
    const token = await tokens.get();
    try {
      return await http.request<T>({ ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } });
    } catch (error) {
      if (retried || !isAxiosError(error) || error.response?.status !== 401) throw error;
      tokens.invalidate(token);
      return acmeRequest<T>(request, true);
    }
  } as AcmeRequest;
}

/** One line for logs and the outbox: the status and problem code, or the network error. */
export function describeFailure(error: unknown): string {
  if (!isAxiosError(error)) return error instanceof Error ? error.message : String(error);
  if (!error.response) return `${error.code ?? 'network error'}: ${error.message}`;
  const problem = error.response.data as { code?: string } | undefined;
  return `HTTP ${error.response.status}${problem?.code ? ` ${problem.code}` : ''}`;
}
