import { randomUUID } from 'node:crypto';
import axios, { type AxiosRequestConfig } from 'axios';
import type { AcmeClient, AcmeContact, AcmeLead, ClientDeps, NewLead } from '../../labs/03-unclear-docs/contract.ts';
import { createTokenProvider } from '../shared/token-provider.ts';
import { ACME_VERSION, readConfig } from './config.ts';
import { toVendorError, VendorError } from '../shared/vendor-error.ts';

const PAGE_SIZE = 100;
/** An expired token is a 403 session_expired at Acme (findings.json); a revoked one is a 401. A 403 insufficient_scope is not among them. */
const DEAD_TOKEN_CODES = new Set(['session_expired', 'token_expired', 'invalid_token']);

export function createAcmeClient({ env = process.env, logger }: ClientDeps = {}): AcmeClient {
  const config = readConfig(env);
  const http = axios.create({ baseURL: config.baseUrl, timeout: config.timeoutMs, headers: { 'Acme-Version': ACME_VERSION } });
  const tokens = createTokenProvider(http, config, 'contacts:read leads:write');

  async function call<T>(request: AxiosRequestConfig, retried = false): Promise<T> {
    const token = await tokens.get();
    try {
      return (await http.request<T>({ ...request, headers: { ...request.headers, Authorization: `Bearer ${token}` } })).data;
    } catch (error) {
      const vendorError = toVendorError(error);
      if (!(vendorError instanceof VendorError)) throw vendorError;
      if (!retried && DEAD_TOKEN_CODES.has(vendorError.code)) {
        tokens.invalidate(token);
        return call(request, true);
      }
      const { status, code, requestId } = vendorError;
      logger?.warn({ method: request.method, url: request.url, status, code, requestId }, 'Acme CRM refused a request');
      throw vendorError;
    }
  }

  return {
    async listAllContacts() {
      const contacts: AcmeContact[] = [];
      const seen = new Set<string>();
      let cursor: string | null = null;
      do {
        const params: Record<string, string | number> = cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE };
        const page: { data: AcmeContact[]; next_cursor: string | null } = await call({ method: 'GET', url: '/v1/contacts', params });
        contacts.push(...page.data);
        cursor = page.next_cursor;
        if (cursor !== null && seen.has(cursor)) throw new Error(`Acme sent next_cursor ${cursor} twice: paging is not advancing.`);
        if (cursor !== null) seen.add(cursor);
      } while (cursor);
      return contacts;
    },

    createLead: (lead: NewLead) => call<AcmeLead>({ method: 'POST', url: '/v1/leads', data: lead, headers: { 'Idempotency-Key': randomUUID() } }),
  };
}
