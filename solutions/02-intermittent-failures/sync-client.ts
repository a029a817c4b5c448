import { randomUUID } from 'node:crypto';
import axios, { isAxiosError, type AxiosError } from 'axios';
import axiosRetry, { isRetryableError, retryAfter } from 'axios-retry';
import pino from 'pino';
import type { ContactUpdate, RecordOutcome, SyncClient, SyncClientDeps, SyncReport } from '../../labs/02-intermittent-failures/contract.ts';
import { readAcmeConfig } from '../shared/acme-config.ts';
import { createTokenProvider } from '../shared/token-provider.ts';

const isTokenRejected = (error: AxiosError) => error.response?.status === 401 && /invalid_token/.test(String(error.response.headers['www-authenticate']));
const isRetryable = (error: AxiosError) =>
  isRetryableError(error) || error.code === 'ECONNABORTED' || error.response?.status === 408 || isTokenRejected(error);

const equalJitter = (delayMs: number) => delayMs / 2 + Math.random() * (delayMs / 2);

export function createSyncClient({ env = process.env, logger = pino(), retry = {}, timeoutMs = 10_000, concurrency = 4 }: SyncClientDeps = {}): SyncClient {
  const config = readAcmeConfig(env);
  const { baseDelayMs = 250, maxAttempts = 5 } = retry;
  const policy = {
    retries: maxAttempts - 1,
    shouldResetTimeout: true,
    retryCondition: isRetryable,
    retryDelay: (retryCount: number, error: AxiosError) => Math.max(retryAfter(error), equalJitter(baseDelayMs * 2 ** (retryCount - 1))),
  };
  const tokenHttp = axios.create({ baseURL: config.baseUrl, timeout: timeoutMs });
  axiosRetry(tokenHttp, policy);
  const tokens = createTokenProvider(tokenHttp, config, 'contacts:write');
  const bearer = async () => `Bearer ${await tokens.get()}`;

  const http = axios.create({ baseURL: config.baseUrl, timeout: timeoutMs });
  axiosRetry(http, {
    ...policy,
    async onRetry(retryCount, error, request) {
      const sent = String(request.headers?.['Authorization']).replace(/^Bearer /, '');
      if (isTokenRejected(error)) tokens.invalidate(sent);
      request.headers = request.headers ?? {};
      request.headers['Authorization'] = await bearer();
      const { status, data, headers } = error.response ?? {};
      logger.warn(
        { correlationId: request.headers['X-Correlation-Id'], attempt: retryCount + 1, status, code: (data as { code?: string } | undefined)?.code ?? error.code, requestId: headers?.['x-request-id'] },
        'retrying Acme CRM request',
      );
    },
  });

  async function syncOne(update: ContactUpdate): Promise<{ ok: true } | { ok: false; poison: boolean; outcome: RecordOutcome }> {
    const correlationId = randomUUID();
    const log = logger.child({ correlationId, contactId: update.id });
    try {
      await http.patch(`/v1/contacts/${encodeURIComponent(update.id)}`, update.changes, {
        headers: { 'X-Correlation-Id': correlationId, Authorization: await bearer() },
      });
      log.info('contact synced');
      return { ok: true };
    } catch (error) {
      if (!isAxiosError(error)) throw error;
      const status = error.response?.status ?? null;
      const problem = error.response?.data as { code?: string; detail?: string } | undefined;
      const outcome = { id: update.id, status, reason: problem?.code ? `${problem.code}: ${problem.detail}` : error.message };
      const poison = status !== null && status >= 400 && status < 500 && ![401, 408, 429].includes(status);
      log[poison ? 'warn' : 'error']({ status, reason: outcome.reason, requestId: error.response?.headers['x-request-id'] }, poison ? 'Acme CRM refused the contact' : 'contact not synced');
      return { ok: false, poison, outcome };
    }
  }

  return {
    async syncContacts(updates) {
      const queue = updates.all();
      const report: SyncReport = { synced: [], poisoned: [], failed: [] };
      const worker = async () => {
        for (let update = queue.shift(); update; update = queue.shift()) {
          const result = await syncOne(update);
          if (result.ok) report.synced.push(update.id);
          else (result.poison ? report.poisoned : report.failed).push(result.outcome);
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
      logger.info({ synced: report.synced.length, poisoned: report.poisoned.length, failed: report.failed.length }, 'contact sync finished');
      return report;
    },
  };
}
