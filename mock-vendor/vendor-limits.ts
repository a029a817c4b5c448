import { DEFAULT_JOURNAL_BUDGET } from './journal/journal-budget.ts';

/**
 * Caps that keep one shared vendor usable for a whole class: without them one runaway import loop
 * or tenant-creating script grows the process until it dies (measured: 100 imports stored 100,045
 * contacts in one tenant, RSS 125 → 450 MB; 5,000 tenants took 342 MB).
 */
export interface VendorLimits {
  /** Tenants the vendor holds at once. */
  maxTenants: number;
  /** Contacts, deals and leads one tenant holds together (seeded ones included). */
  maxRecordsPerTenant: number;
  /** Journal entries all tenants hold together (mock-vendor/journal/journal-budget.ts). */
  journalBudget: number;
}

export const DEFAULT_LIMITS: VendorLimits = { maxTenants: 1_000, maxRecordsPerTenant: 20_000, journalBudget: DEFAULT_JOURNAL_BUDGET };

/** The environment variable that sets each limit, named in refusals so an operator knows what to raise. */
export const LIMIT_ENV: Record<keyof VendorLimits, string> = {
  maxTenants: 'ACME_MAX_TENANTS',
  maxRecordsPerTenant: 'ACME_MAX_RECORDS_PER_TENANT',
  journalBudget: 'ACME_JOURNAL_BUDGET',
};

/** Limits set in the environment (ACME_MAX_TENANTS, ACME_MAX_RECORDS_PER_TENANT, ACME_JOURNAL_BUDGET); unset ones are left out. */
export function limitsFromEnv(env: Record<string, string | undefined>): Partial<VendorLimits> {
  const limits: Partial<VendorLimits> = {};
  for (const key of Object.keys(LIMIT_ENV) as (keyof VendorLimits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${LIMIT_ENV[key]} must be a whole number of at least 1, got "${raw}".`);
    limits[key] = value;
  }
  return limits;
}
