/**
 * The Acme CRM client our platform ships. It works: what you write in this lab is the test suite
 * that proves it, and that goes red when someone breaks it. Its promises are listed in the README.
 */
import { randomUUID } from 'node:crypto';
import axios, { isAxiosError, type AxiosError, type AxiosRequestConfig } from 'axios';
import axiosRetry, { retryAfter } from 'axios-retry';
import { z } from 'zod';

export interface Logger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface AcmeClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  logger: Logger;
  /** Per attempt. Default 5000. */
  timeoutMs?: number;
  /** Attempts per call, the first one included. Default 4. */
  maxAttempts?: number;
  /** Backoff before the first retry, doubling after each, with jitter; a longer Retry-After wins. Default 250. */
  baseDelayMs?: number;
}

export interface Contact {
  id: string;
  fullName: string;
  email: string;
  company: string | null;
  createdAt: string;
}

export interface Lead {
  id: string;
  email: string;
  name: string;
  status: string;
}

const NewLeadSchema = z.object({ email: z.email(), name: z.string().trim().min(1) });
export type NewLead = z.input<typeof NewLeadSchema>;

interface AcmeContact {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  company: string | null;
  created_at: string;
  updated_at: string;
}

interface Failure {
  /** Acme's HTTP status; null when Acme did not answer or the call never left. */
  status: number | null;
  /** Acme's problem code (`validation_failed`), or `timeout`, `network_error`, `invalid_input`. */
  code: string;
  requestId: string | null;
}

export class AcmeError extends Error implements Failure {
  override name = 'AcmeError';
  readonly status: number | null;
  readonly code: string;
  readonly requestId: string | null;

  constructor(message: string, failure: Failure) {
    super(message);
    ({ status: this.status, code: this.code, requestId: this.requestId } = failure);
  }
}

const isTransient = (error: AxiosError) => !error.response || error.response.status === 429 || error.response.status >= 500;
const isRepeatable = (config?: AxiosRequestConfig) => config?.method === 'get' || Boolean(config?.headers?.['Idempotency-Key']);
const isTokenRejected = (error: unknown) =>
  isAxiosError(error) && error.response?.status === 401 && /invalid_token/.test(String(error.response.headers['www-authenticate']));

function failureOf(error: AxiosError): Failure {
  if (!error.response) return { status: null, code: error.code === 'ECONNABORTED' ? 'timeout' : 'network_error', requestId: null };
  const problem = error.response.data as { code?: unknown } | undefined;
  return {
    status: error.response.status,
    code: typeof problem?.code === 'string' ? problem.code : `http_${error.response.status}`,
    requestId: error.response.headers['x-request-id'] ?? null,
  };
}

const toContact = (contact: AcmeContact): Contact => ({
  id: contact.id,
  fullName: `${contact.first_name} ${contact.last_name}`.trim(),
  email: contact.email.toLowerCase(),
  company: contact.company || null,
  createdAt: new Date(contact.created_at).toISOString(),
});

export function createAcmeClient({ baseUrl, clientId, clientSecret, logger, timeoutMs = 5_000, maxAttempts = 4, baseDelayMs = 250 }: AcmeClientOptions) {
  const http = { baseURL: baseUrl, timeout: timeoutMs };
  const auth = axios.create(http);
  const api = axios.create(http);
  let token: { value: string; expiresAt: number } | undefined;
  let tokenRequest: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'contacts:read leads:write' });
    const { data } = await auth.post('/oauth/token', form, { auth: { username: clientId, password: clientSecret } });
    token = { value: data.access_token, expiresAt: Date.now() + (data.expires_in - 30) * 1000 };
    return token.value;
  }

  async function accessToken(): Promise<string> {
    if (token && Date.now() < token.expiresAt) return token.value;
    return (tokenRequest ??= fetchToken().finally(() => (tokenRequest = undefined)));
  }

  api.interceptors.request.use(async (config) => {
    config.headers.Authorization = `Bearer ${await accessToken()}`;
    return config;
  });

  axiosRetry(api, {
    retries: maxAttempts - 1,
    shouldResetTimeout: true,
    retryCondition: (error) => isTransient(error) && isRepeatable(error.config),
    retryDelay: (retry, error) => Math.max(retryAfter(error), baseDelayMs * 2 ** (retry - 1) * (0.5 + Math.random() / 2)),
    onRetry: (retry, error, config) => logger.warn({ method: config.method, path: config.url, attempt: retry + 1, ...failureOf(error) }, 'retrying Acme CRM request'),
  });

  async function send<T>(config: AxiosRequestConfig, tokenRefreshed = false): Promise<T> {
    try {
      return (await api.request<T>(config)).data;
    } catch (error) {
      if (isTokenRejected(error) && !tokenRefreshed) {
        token = undefined;
        return send(config, true);
      }
      if (!isAxiosError(error)) throw error;
      const failure = failureOf(error);
      logger.error({ method: config.method, path: config.url, ...failure }, 'Acme CRM request failed');
      throw new AcmeError(`Acme CRM ${config.method?.toUpperCase()} ${config.url} failed: ${failure.status ?? 'no answer'} ${failure.code}`, failure);
    }
  }

  return {
    /** The contact, or null when Acme has no contact with this id. */
    async getContact(id: string): Promise<Contact | null> {
      try {
        return toContact(await send<AcmeContact>({ method: 'get', url: `/v1/contacts/${encodeURIComponent(id)}` }));
      } catch (error) {
        if (error instanceof AcmeError && error.status === 404) return null;
        throw error;
      }
    },

    async createLead(input: NewLead): Promise<Lead> {
      const parsed = NewLeadSchema.safeParse(input);
      if (!parsed.success) throw new AcmeError(`Invalid lead: ${z.prettifyError(parsed.error)}`, { status: null, code: 'invalid_input', requestId: null });
      const lead = await send<Lead>({ method: 'post', url: '/v1/leads', data: parsed.data, headers: { 'Idempotency-Key': randomUUID() } });
      return { id: lead.id, email: lead.email, name: lead.name, status: lead.status };
    },
  };
}

export type AcmeClient = ReturnType<typeof createAcmeClient>;
