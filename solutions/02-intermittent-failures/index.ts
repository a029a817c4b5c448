import { readFileSync } from 'node:fs';
import type { Diagnosis } from '../../labs/02-intermittent-failures/contract.ts';

export { createSyncClient } from './sync-client.ts';

export function loadDiagnosis(): Diagnosis {
  return JSON.parse(readFileSync(new URL('./diagnosis.json', import.meta.url), 'utf8')) as Diagnosis;
}
