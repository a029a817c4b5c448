import { readFileSync } from 'node:fs';
import { FindingsSchema, type Findings } from '../../labs/03-unclear-docs/contract.ts';

export { createAcmeClient } from './acme-client.ts';
export { findGaps } from './probes.ts';
export { VendorError } from '../shared/vendor-error.ts';

export function loadFindings(): Findings {
  return FindingsSchema.parse(JSON.parse(readFileSync(new URL('./findings.json', import.meta.url), 'utf8')));
}
