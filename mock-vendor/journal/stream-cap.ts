/** Live journal streams (console tabs, `curl -N`) one tenant may hold open at once. */
export const DEFAULT_MAX_STREAMS_PER_TENANT = 20;
export const MAX_STREAMS_ENV = 'ACME_MAX_STREAMS_PER_TENANT';

/** The cap from `ACME_MAX_STREAMS_PER_TENANT`, or the default; a value that is not a positive whole number is refused at start. */
export function maxStreamsPerTenantFrom(env: NodeJS.ProcessEnv): number {
  const raw = env[MAX_STREAMS_ENV]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_MAX_STREAMS_PER_TENANT;
  const cap = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(cap) || cap < 1) {
    throw new Error(`${MAX_STREAMS_ENV} must be a whole number of 1 or more (live journal streams per tenant), got "${raw}". Unset it for the default, ${DEFAULT_MAX_STREAMS_PER_TENANT}.`);
  }
  return cap;
}
