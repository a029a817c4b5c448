import axios, { isAxiosError, type AxiosResponse } from 'axios';
import pino from 'pino';
import { PINNED_ACME_VERSION, type DealSync, type DealSyncDeps, type SyncReport } from '../../labs/07-breaking-change/contract.ts';
import { createTokenProvider } from '../shared/token-provider.ts';
import { readAcmeConfig } from '../shared/acme-config.ts';
import { AcmeDealV1Schema, driftReasons, toDeal } from './deal-schema.ts';
import { deprecationOf, successorOf } from './lifecycle.ts';

const DEALS_PATH = '/v1/deals';
const MOVED = new Set([301, 307, 308, 410]);

interface DealsPage {
  data: unknown[];
  next_cursor: string | null;
}

export function createDealSync({ env = process.env, logger = pino(), alerts, deals, quarantine, timeoutMs = 10_000 }: DealSyncDeps): DealSync {
  const config = readAcmeConfig(env);
  const http = axios.create({ baseURL: config.baseUrl, timeout: timeoutMs, maxRedirects: 0, headers: { 'Acme-Version': PINNED_ACME_VERSION } });
  const tokens = createTokenProvider(http, config, 'deals:read');
  const alerted = new Set<string>();

  function alertOnce(key: string, severity: 'warning' | 'critical', message: string, details: Record<string, unknown>): void {
    if (alerted.has(key)) return;
    alerted.add(key);
    alerts.raise({ key, severity, message, details });
  }

  function noticeLifecycle(response: AxiosResponse): void {
    const notice = deprecationOf(response.headers);
    if (!notice) return;
    const sunset = notice.sunsetAt ? `it stops working on ${notice.sunsetAt.slice(0, 10)}` : 'no sunset date given yet';
    alertOnce(`deprecation:GET ${DEALS_PATH}`, 'warning', `Acme deprecated GET ${DEALS_PATH} (since ${notice.deprecatedAt.slice(0, 10)}); ${sunset}. Successor: ${notice.successor ?? 'not named'}.`, { ...notice });
  }

  async function fetchPage(cursor: string | null, retried = false): Promise<DealsPage> {
    const token = await tokens.get();
    try {
      const response = await http.get<DealsPage>(DEALS_PATH, { params: { limit: 100, ...(cursor ? { cursor } : {}) }, headers: { Authorization: `Bearer ${token}` } });
      noticeLifecycle(response);
      return response.data;
    } catch (error) {
      const response = isAxiosError(error) ? error.response : undefined;
      if (response?.status === 401 && !retried) {
        tokens.invalidate(token);
        return fetchPage(cursor, true);
      }
      if (!response || !MOVED.has(response.status)) throw error;
      const successor = successorOf(response.headers) ?? 'no successor named';
      const what = response.status === 410 ? 'is gone (410)' : `moved permanently (${response.status})`;
      alertOnce(`endpoint-moved:GET ${DEALS_PATH}`, 'critical', `Acme's GET ${DEALS_PATH} ${what}; successor: ${successor}. The sync stopped; migrate to the successor's contract.`, { status: response.status, successor });
      throw new Error(`GET ${DEALS_PATH} ${what}; successor: ${successor}. Not following it: plan the migration.`);
    }
  }

  return {
    async syncDeals(): Promise<SyncReport> {
      const report: SyncReport = { written: [], quarantined: [] };
      const drift = new Map<string, { change: string; ids: string[] }>();
      let cursor: string | null = null;
      do {
        const page = await fetchPage(cursor);
        for (const record of page.data) {
          const parsed = AcmeDealV1Schema.safeParse(record);
          if (parsed.success) {
            deals.upsert(parsed.data.id, toDeal(parsed.data));
            report.written.push(parsed.data.id);
            continue;
          }
          const externalId = String((record as { id?: unknown })?.id ?? 'unknown');
          const reasons = driftReasons(parsed.error);
          quarantine.upsert(externalId, { externalId, reasons: reasons.map((r) => `${r.field}: ${r.change}`), payload: record });
          report.quarantined.push(externalId);
          for (const { field, change } of reasons) {
            const seen = drift.get(field) ?? { change, ids: [] };
            seen.ids.push(externalId);
            drift.set(field, seen);
          }
        }
        cursor = page.next_cursor;
      } while (cursor);
      for (const [field, { change, ids }] of drift) {
        alertOnce(`schema-drift:deals.${field}`, 'critical', `Acme changed deals.${field}: ${change}. ${ids.length} deals quarantined, not written.`, { field, change, quarantined: ids });
      }
      logger.info({ written: report.written.length, quarantined: report.quarantined.length }, 'deal sync finished');
      return report;
    },
  };
}
