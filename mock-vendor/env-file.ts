import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Reads `KEY=value` lines; comments and blank lines are ignored. */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) out[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Updates the given keys, drops `remove`, keeps every other line; written atomically with owner-only permissions. */
export function writeEnvFile(path: string, values: Record<string, string>, header: string, remove: readonly string[] = []): void {
  const replaced = [...Object.keys(values), ...remove];
  const kept = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '' && !line.startsWith('#') && !replaced.some((key) => line.startsWith(`${key}=`)))
    : [];
  const lines = [`# ${header}`, ...kept, ...Object.entries(values).map(([key, value]) => `${key}=${value}`), ''];
  writeFileSync(`${path}.tmp`, lines.join('\n'), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
