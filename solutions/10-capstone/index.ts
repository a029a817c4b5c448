import { readFileSync } from 'node:fs';

export { createSyncService } from './sync-service.ts';

export function loadRunbook(): string {
  return readFileSync(new URL('./RUNBOOK.md', import.meta.url), 'utf8');
}
