import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Leak {
  where: string;
  what: string;
}

const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

/**
 * Secrets that must never appear in logs, errors or reports: the client secret, the Basic
 * credentials built from it, and any bearer token (JWT-shaped).
 */
export function findLeaks(texts: readonly { where: string; text: string }[], secrets: { clientId: string; clientSecret: string }): Leak[] {
  const basic = Buffer.from(`${secrets.clientId}:${secrets.clientSecret}`).toString('base64');
  const leaks: Leak[] = [];
  for (const { where, text } of texts) {
    if (text.includes(secrets.clientSecret)) leaks.push({ where, what: 'the client secret' });
    if (text.includes(basic)) leaks.push({ where, what: 'the Basic Authorization header (client id and secret)' });
    if (JWT.test(text)) leaks.push({ where, what: 'an access token' });
    if (/authorization["']?\s*[:=]\s*["']?(bearer|basic)\s+\S{8,}/i.test(text)) leaks.push({ where, what: 'an Authorization header value' });
  }
  return leaks;
}

const SECRET_LITERALS: { pattern: RegExp; what: string }[] = [
  { pattern: /acme_sk_[\w-]{8,}/, what: 'an Acme client secret (acme_sk_…)' },
  { pattern: /acme_admin_[\w-]{8,}/, what: 'the vendor admin token' },
  { pattern: /acme_tk_[\w-]{8,}/, what: 'a tenant key (acme_tk_…)' },
  { pattern: /acme_gk_[\w-]{8,}/, what: 'a grading key (acme_gk_…)' },
  { pattern: JWT, what: 'an access token' },
  { pattern: /(client_?secret|password|api_?key)\s*[:=]\s*['"`][^'"`\s]{12,}['"`]/i, what: 'a credential written as a string literal' },
];

/** Scans source files (one file, or a folder recursively) for credentials written into the code. */
export function scanSourceForSecrets(path: string): Leak[] {
  const files = statSync(path).isDirectory() ? listSourceFiles(path) : [path];
  const leaks: Leak[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const { pattern, what } of SECRET_LITERALS) if (pattern.test(line)) leaks.push({ where: `${file}:${index + 1}`, what });
    });
  }
  return leaks;
}

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listSourceFiles(path);
    return ['.ts', '.js', '.mjs', '.cjs', '.json', '.env'].includes(extname(entry.name)) || entry.name.startsWith('.env') ? [path] : [];
  });
}
