import { randomUUID } from 'node:crypto';
import axios, { type AxiosRequestConfig } from 'axios';
import type { AcmeClient, AcmeContact, AcmeLead, ClientDeps, NewLead } from '../../labs/01-first-integration/contract.ts';
import { readConfig } from './config.ts';
import { createTokenProvider } from '../shared/token-provider.ts';
import { toVendorError, VendorError } from '../shared/vendor-error.ts';

const PAGE_SIZE = 100;

export function createAcmeClient({ env = process.env, logger }: ClientDeps = {}): AcmeClient {
  const config = readConfig(env);
  const http = axios.create({ baseURL: config.baseUrl, timeout: config.timeoutMs });
  const tokens = createTokenProvider(http, config, 'contacts:read leads:write');

  async function call<T>(request: AxiosRequestConfig, retried = false): Promise<T> {
    const token = await tokens.get();
    const headers = { ...request.headers, Authorization: `Bearer ${token}` };
    try {
      return (await http.request<T>({ ...request, headers })).data;
    } catch (error) {
      const vendorError = toVendorError(error);
      const code = vendorError instanceof VendorError ? vendorError.code : undefined;
      // A token can die before its expiry (revoked, or the vendor's clock disagrees): refresh once.
      if (!retried && (code === 'token_expired' || code === 'invalid_token')) {
        tokens.invalidate(token);
        return call(request, true);
      }
      logger?.warn({ method: request.method, url: request.url, err: (vendorError as Error).message }, 'Acme CRM request failed');
      throw vendorError;
    }
  }

  return {
    async listAllContacts() {
      const contacts: AcmeContact[] = [];
      let cursor: string | null = null;
      do {
        const params: Record<string, string | number> = cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE };
        const page: { data: AcmeContact[]; next_cursor: string | null } = await call({ method: 'GET', url: '/v1/contacts', params });
        contacts.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor);
      return contacts;
    },

    getContact: (id) => call<AcmeContact>({ method: 'GET', url: `/v1/contacts/${encodeURIComponent(id)}` }),

    createLead: (lead: NewLead) =>
      call<AcmeLead>({ method: 'POST', url: '/v1/leads', data: lead, headers: { 'Idempotency-Key': randomUUID() } }),
  };
}
