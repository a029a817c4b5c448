import axios, { isAxiosError, type AxiosError } from 'axios';
import axiosRetry, { isRetryableError, retryAfter } from 'axios-retry';
import { z } from 'zod';
import { createTokenProvider } from '../shared/token-provider.ts';

const AcmeContactSchema = z.object({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  updated_at: z.string(),
});
const ContactPageSchema = z.object({ data: z.array(AcmeContactSchema), next_cursor: z.string().nullable() });

export type AcmeContact = z.infer<typeof AcmeContactSchema>;
export type NewAcmeContact = Pick<AcmeContact, 'first_name' | 'last_name' | 'email' | 'phone' | 'company'>;

export interface AcmeApiOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
}

const isTokenRejected = (error: AxiosError) => error.response?.status === 401 && /invalid_token/.test(String(error.response.headers['www-authenticate']));
/** Acme itself said it did nothing: a refused token, a 429, or a problem document with a 5xx ("not processed"). */
const refusedUnprocessed = (error: AxiosError) =>
  isTokenRejected(error) ||
  error.response?.status === 429 ||
  (error.response !== undefined && error.response.status >= 500 && /problem\+json/.test(String(error.response.headers['content-type'])));
const isRetryableRead = (error: AxiosError) => isRetryableError(error) || error.code === 'ECONNABORTED' || error.code === 'ERR_BAD_RESPONSE' || refusedUnprocessed(error);

/** No answer from Acme, or an answer that says Acme is not working: what the breaker and health count. */
export const isOutage = (error: unknown) => isAxiosError(error) && (error.response === undefined || error.response.status >= 500 || error.code === 'ERR_BAD_RESPONSE');

/** Status, problem code or error code: enough for on-call, never a header or a body. */
export function describeFailure(error: unknown): string {
  if (!isAxiosError(error)) return error instanceof Error ? error.message : String(error);
  if (!error.response) return `no answer (${error.code ?? 'network error'})`;
  const code = (error.response.data as { code?: unknown } | undefined)?.code;
  return `HTTP ${error.response.status}${typeof code === 'string' ? ` ${code}` : ''} (request ${error.response.headers['x-request-id'] ?? 'unknown'})`;
}

/** Acme's contacts API with retries, timeouts and a shared token; a create is retried only when Acme said it did nothing. */
export function createAcmeApi(options: AcmeApiOptions) {
  const policy = {
    retries: options.maxAttempts - 1,
    shouldResetTimeout: true,
    retryCondition: isRetryableRead,
    retryDelay: (retryCount: number, error: AxiosError) => {
      const delayMs = options.baseDelayMs * 2 ** (retryCount - 1);
      return Math.max(retryAfter(error), delayMs / 2 + Math.random() * (delayMs / 2));
    },
  };
  const create = () => axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs, transitional: { silentJSONParsing: false }, responseType: 'json' });
  const tokenHttp = create();
  axiosRetry(tokenHttp, policy);
  const tokens = createTokenProvider(tokenHttp, options, 'contacts:read contacts:write');
  const bearer = async () => `Bearer ${await tokens.get()}`;

  const http = create();
  axiosRetry(http, {
    ...policy,
    async onRetry(_retryCount, error, request) {
      if (isTokenRejected(error)) tokens.invalidate(String(request.headers?.['Authorization']).replace(/^Bearer /, ''));
      request.headers = request.headers ?? {};
      request.headers['Authorization'] = await bearer();
    },
  });

  return {
    async listContacts(cursor: string | null): Promise<z.infer<typeof ContactPageSchema>> {
      const { data } = await http.get('/v1/contacts', { params: { limit: 100, ...(cursor ? { cursor } : {}) }, headers: { Authorization: await bearer() } });
      return ContactPageSchema.parse(data);
    },
    async createContact(contact: NewAcmeContact): Promise<AcmeContact> {
      const { data } = await http.post('/v1/contacts', contact, {
        headers: { Authorization: await bearer() },
        'axios-retry': { retryCondition: refusedUnprocessed },
      });
      return AcmeContactSchema.parse(data);
    },
  };
}
