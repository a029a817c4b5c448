import type { Lifecycle, Stage, UnknownStatusPolicy } from '../../labs/06-data-mapping/contract.ts';
import { FieldError } from './field-error.ts';

export const LIFECYCLES: Record<number, Lifecycle> = { 1: 'lead', 2: 'active', 3: 'churned', 4: 'archived' };
export const STAGES: Record<number, Stage> = { 1: 'open', 2: 'won', 3: 'lost' };

export function labelFor<L extends string>(table: Record<number, L>, code: number | null, policy: UnknownStatusPolicy, fallback: L): L | null {
  const label = code === null ? undefined : table[code];
  if (label !== undefined) return label;
  if (policy === 'default') return fallback;
  if (policy === 'ignore') return null;
  throw new FieldError('unknown_status', `${JSON.stringify(code)} is not a known code (${Object.entries(table).map(([c, l]) => `${c} ${l}`).join(', ')})`);
}

export function codeFor<L extends string>(table: Record<number, L>, label: L | null): number | null {
  const entry = Object.entries(table).find(([, l]) => l === label);
  return entry ? Number(entry[0]) : null;
}
