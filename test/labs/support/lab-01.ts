import type { AcmeContact, Customer, Lab01 } from '../../../labs/01-first-integration/contract.ts';
import type { CheckContext } from '../../harness/graded-lab.ts';

/** The README's mapping table, as the checks read it. */
export function expectedCustomer(contact: AcmeContact): Customer {
  const lifecycle = (['lead', 'active', 'churned', 'archived'] as const)[contact.status - 1]!;
  return {
    externalId: contact.id,
    source: 'acme-crm',
    fullName: `${contact.first_name.trim()} ${contact.last_name.trim()}`.trim(),
    email: contact.email.trim().toLowerCase(),
    phone: contact.phone || null,
    company: contact.company?.trim() || null,
    country: contact.country?.toUpperCase() || null,
    lifecycle,
    marketingOptIn: contact.opt_in === 'Y',
    createdAt: new Date(contact.created_at).toISOString(),
  };
}

/** The learner's client for this check's tenant, with the platform logger. */
export function clientFor(t: CheckContext<Lab01>, extraEnv: Record<string, string> = {}) {
  return t.lab.createAcmeClient({ env: { ...t.env, ...extraEnv }, logger: t.platform.logger });
}

/** Settles a promise into a result, so a check can describe a rejection instead of crashing. */
export async function settle<T>(work: Promise<T>): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number }> {
  const started = performance.now();
  try {
    const value = await work;
    return { ok: true, value, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - started };
  }
}

/** An error as one line, without a trailing full stop (feedback adds its own punctuation). */
export function describeError(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/[.\s]+$/, '');
}
