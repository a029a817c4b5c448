import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { adminCall, ClassroomError, type CreatedTenant } from './class-vendor.ts';

export interface ClassRow {
  learner: string;
  tenantId: string;
  clientId: string;
  tenantKey: string;
  joinCommand: string;
}

/** One learner per non-blank line; `#` starts a comment. Names must be unique. */
export function readLearners(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ClassroomError(`Cannot read ${file}. Give a text file with one learner's name per line.`);
  }
  const names = text.split(/\r?\n/).map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
  if (names.length === 0) throw new ClassroomError(`${file} names no learners. Put one name per line.`);
  const twice = names.filter((name, i) => names.indexOf(name) !== i);
  if (twice.length > 0) throw new ClassroomError(`${file} names ${[...new Set(twice)].join(', ')} more than once: each learner gets one tenant, so make the names unique.`);
  return names;
}

/** A tenant per learner on the class vendor, each with its own key; the teacher's key never leaves this machine. */
export async function createClass(url: string, key: string, learners: readonly string[]): Promise<ClassRow[]> {
  const rows: ClassRow[] = [];
  for (const learner of learners) {
    const tenant = await adminCall<CreatedTenant>(url, key, 'POST', '/tenants', { name: learner });
    rows.push({ learner, tenantId: tenant.id, clientId: tenant.clientId, tenantKey: tenant.tenantKey, joinCommand: `npm run lab -- join ${url} --key ${tenant.tenantKey}` });
  }
  return rows;
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The class list: what to send each learner (their join command). Owner-only: it holds every learner's key. */
export function writeClassCsv(file: string, rows: readonly ClassRow[]): void {
  const lines = [['learner', 'tenant_id', 'client_id', 'tenant_key', 'join_command'], ...rows.map((r) => [r.learner, r.tenantId, r.clientId, r.tenantKey, r.joinCommand])];
  writeFileSync(file, `${lines.map((line) => line.map(csvCell).join(',')).join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
