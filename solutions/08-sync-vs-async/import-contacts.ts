import { setTimeout as sleep } from 'node:timers/promises';
import { isAxiosError, type AxiosError, type AxiosResponse } from 'axios';
import { z } from 'zod';
import type { ContactRow, ImportDeps, ImportResult } from '../../labs/08-sync-vs-async/contract.ts';
import { createAcmeRequest, describeFailure } from './acme-http.ts';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15_000;

const Job = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  failed: z.array(z.object({ index: z.number(), errors: z.array(z.object({ field: z.string(), message: z.string() })) })),
  created_ids: z.array(z.string()),
  completed_at: z.string().nullable(),
});

function isTransient(error: unknown): error is AxiosError {
  if (!isAxiosError(error)) return false;
  const status = error.response?.status;
  return status === undefined || status === 429 || status >= 500;
}

function retryAfterMs(headers: Record<string, unknown>): number {
  const seconds = Number(headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 0;
}

export async function importContacts(rows: ContactRow[], { env = process.env, logger, deadlineMs = 10 * 60_000 }: ImportDeps = {}): Promise<ImportResult> {
  const acme = createAcmeRequest(env, 'imports:write');
  const giveUpAt = Date.now() + deadlineMs;
  const accepted = await acme({ method: 'POST', url: '/v1/imports/contacts', data: { contacts: rows } });
  const location = String(accepted.headers['location']);
  logger?.info({ location, rows: rows.length }, 'Acme CRM accepted the import');

  let backoffMs = FIRST_DELAY_MS;
  let waitMs = Math.max(retryAfterMs(accepted.headers), backoffMs);
  for (;;) {
    if (Date.now() + waitMs > giveUpAt) throw new Error(`Import ${location} did not finish within ${deadlineMs} ms; it may still be running at Acme.`);
    await sleep(waitMs);
    backoffMs = Math.min(backoffMs * 1.5, MAX_DELAY_MS);
    let response: AxiosResponse;
    try {
      response = await acme({ method: 'GET', url: location });
    } catch (error) {
      if (!isTransient(error)) throw error;
      logger?.warn({ location, err: describeFailure(error) }, 'polling the import failed; trying again');
      waitMs = Math.max(retryAfterMs(error.response?.headers ?? {}), backoffMs);
      continue;
    }
    const job = Job.parse(response.data);
    if (job.completed_at !== null && (job.status === 'succeeded' || job.status === 'failed')) {
      logger?.info({ jobId: job.id, status: job.status, created: job.created, failed: job.failed.length }, 'import finished');
      return { ...job, status: job.status, completed_at: job.completed_at };
    }
    waitMs = Math.max(retryAfterMs(response.headers), backoffMs);
  }
}
