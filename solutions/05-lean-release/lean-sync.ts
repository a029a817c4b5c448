import axios, { isAxiosError, isCancel, type AxiosError } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import pino from 'pino';
import { COUNTERS, type ContactUpdate, type FailedRecord, type LeanSync, type LeanSyncDeps, type SkippedRecord, type SyncReport } from '../../labs/05-lean-release/contract.ts';
import { AlertSink, Counters } from '../../labs/platform/index.ts';
import { createTokenProvider } from '../shared/token-provider.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { readAcmeConfig } from '../shared/acme-config.ts';
import { killSwitchOn } from './config.ts';
import { BreakerOpenError, guardRequests } from './guard-requests.ts';

const isWorthRetrying = (error: AxiosError) => !isCancel(error) && (!error.response || error.response.status === 429 || error.response.status >= 500);

export function createLeanSync({
  env = process.env,
  logger = pino(),
  alerts = new AlertSink(),
  counters = new Counters(),
  now = Date.now,
  retry = {},
  timeoutMs = 5_000,
  deadlineMs = 15_000,
  breaker: breakerOptions = {},
}: LeanSyncDeps = {}): LeanSync {
  const config = readAcmeConfig(env);
  const { baseDelayMs = 250, maxAttempts = 4 } = retry;
  const { failureThreshold = 5, coolDownMs = 60_000 } = breakerOptions;

  const breaker = createCircuitBreaker({ failureThreshold, coolDownMs }, {
    now,
    onOpen() {
      counters.increment(COUNTERS.breakerOpened);
      logger.error({ failureThreshold, coolDownMs }, 'Acme CRM keeps failing; pausing the contact sync');
      alerts.raise({
        key: 'acme-outage',
        severity: 'critical',
        message: `Acme CRM failed ${failureThreshold} requests in a row. The contact sync has paused and tries one request every ${coolDownMs / 1000} s until Acme answers.`,
      });
    },
    onClose() {
      logger.info('Acme CRM answers again; the contact sync has resumed');
      alerts.raise({ key: 'acme-outage', severity: 'info', message: 'Acme CRM answers again; the contact sync has resumed.' });
    },
  });

  const http = axios.create({ baseURL: config.baseUrl, timeout: timeoutMs });
  guardRequests(http, breaker, counters);
  axiosRetry(http, {
    retries: maxAttempts - 1,
    shouldResetTimeout: true,
    retryCondition: isWorthRetrying,
    retryDelay: (retryCount, error) => exponentialDelay(retryCount, error, baseDelayMs / 2),
  });
  const tokens = createTokenProvider(http, config, 'contacts:write');

  async function push(update: ContactUpdate): Promise<void> {
    const signal = AbortSignal.timeout(deadlineMs);
    const token = await tokens.get();
    await http.patch(`/v1/contacts/${encodeURIComponent(update.id)}`, update.changes, { headers: { Authorization: `Bearer ${token}` }, signal });
  }

  function failure(id: string, error: unknown): FailedRecord {
    if (error instanceof BreakerOpenError) return { id, status: null, reason: 'the breaker opened before the last retry' };
    if (isCancel(error)) return { id, status: null, reason: `deadline of ${deadlineMs} ms passed` };
    if (!isAxiosError(error)) throw error;
    const problem = error.response?.data as { code?: string; detail?: string } | undefined;
    return { id, status: error.response?.status ?? null, reason: problem?.code ? `${problem.code}: ${problem.detail}` : (error.code ?? error.message) };
  }

  return {
    async syncContacts(updates) {
      const report: SyncReport = { synced: [], failed: [], skipped: [] };
      for (const update of updates) {
        const skip: SkippedRecord['reason'] | undefined = killSwitchOn(env) ? 'kill-switch' : breaker.isOpen() ? 'breaker-open' : undefined;
        if (skip) {
          report.skipped.push({ id: update.id, reason: skip });
          continue;
        }
        try {
          await push(update);
          report.synced.push(update.id);
        } catch (error) {
          const failed = failure(update.id, error);
          logger.warn(failed, 'contact not synced');
          report.failed.push(failed);
        }
      }
      counters.increment(COUNTERS.recordsSynced, report.synced.length);
      counters.increment(COUNTERS.recordsFailed, report.failed.length);
      counters.increment(COUNTERS.recordsSkipped, report.skipped.length);
      const skippedFor = (reason: SkippedRecord['reason']) => report.skipped.filter((s) => s.reason === reason).length;
      logger.info(
        { synced: report.synced.length, failed: report.failed.length, skippedBreakerOpen: skippedFor('breaker-open'), skippedKillSwitch: skippedFor('kill-switch') },
        'contact sync finished',
      );
      return report;
    },
  };
}
