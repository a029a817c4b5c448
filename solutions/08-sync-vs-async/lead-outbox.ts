import { randomUUID } from 'node:crypto';
import { isAxiosError } from 'axios';
import { z } from 'zod';
import type { LeadOutbox, OutboxDeps, OutboxEntry } from '../../labs/08-sync-vs-async/contract.ts';
import { createAcmeRequest, describeFailure } from './acme-http.ts';

const CreatedLead = z.object({ id: z.string() });
const WORTH_RETRYING = new Set([408, 409, 429]);

export function createLeadOutbox({ env = process.env, logger, outbox }: OutboxDeps): LeadOutbox {
  const acme = createAcmeRequest(env, 'leads:write');

  async function deliver(entry: OutboxEntry): Promise<boolean> {
    const attempts = entry.attempts + 1;
    try {
      const { data } = await acme({ method: 'POST', url: '/v1/leads', data: entry.lead, headers: { 'Idempotency-Key': entry.idempotencyKey } });
      const lead = CreatedLead.parse(data);
      outbox.upsert(entry.id, { ...entry, attempts, status: 'sent', vendorLeadId: lead.id, lastError: null });
      logger?.info({ outboxId: entry.id, vendorLeadId: lead.id, attempts }, 'lead delivered to Acme CRM');
      return true;
    } catch (error) {
      const status = isAxiosError(error) ? error.response?.status : undefined;
      const refused = status !== undefined && status >= 400 && status < 500 && !WORTH_RETRYING.has(status) && status !== 401;
      const lastError = describeFailure(error);
      outbox.upsert(entry.id, { ...entry, attempts, status: refused ? 'failed' : 'pending', lastError });
      if (refused) logger?.error({ outboxId: entry.id, attempts, lastError }, 'Acme CRM refused the lead; it needs a person to look at it');
      else logger?.warn({ outboxId: entry.id, attempts, lastError }, 'lead not delivered yet; the next pass retries it');
      return false;
    }
  }

  return {
    async submitLead(lead) {
      const entry: OutboxEntry = { id: randomUUID(), lead, idempotencyKey: randomUUID(), status: 'pending', attempts: 0, vendorLeadId: null, lastError: null };
      outbox.upsert(entry.id, entry);
      return { id: entry.id, status: 'pending' };
    },

    async deliverPending() {
      const pending = outbox.all().filter((entry) => entry.status === 'pending');
      const delivered = await Promise.all(pending.map(deliver));
      const sent = delivered.filter(Boolean).length;
      return { sent, stillPending: pending.length - sent };
    },
  };
}
