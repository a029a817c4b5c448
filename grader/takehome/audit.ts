import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab-manifest.ts';
import { sha256 } from './record.ts';
import { BundleLeakError, forbiddenReason, walk } from './select-files.ts';

/** Files whose content must never appear in a bundle, under any name. */
export function protectedFiles(root = REPO_ROOT): string[] {
  return [
    ...walk(join(root, 'solutions'), root),
    ...walk(join(root, 'questions'), root),
    ...walk(join(root, 'test', 'fixtures'), root),
    ...walk(join(root, 'test', 'labs'), root).filter((file) => /\.hidden\./.test(file)),
  ];
}

/** Secret values the interviewer's machine holds: the project's .env and the admin token in the environment. */
export function localSecrets(root = REPO_ROOT): string[] {
  const values: string[] = [];
  const envFile = join(root, '.env');
  if (existsSync(envFile)) {
    for (const line of readFileSync(envFile, 'utf8').split(/\r?\n/)) {
      const match = /^\s*[A-Z0-9_]*(?:SECRET|TOKEN|PASSWORD|KEY)[A-Z0-9_]*\s*=\s*"?([^"\s]+)"?/.exec(line);
      if (match) values.push(match[1]!);
    }
  }
  for (const name of ['VENDOR_ADMIN_TOKEN', 'VENDOR_CLIENT_SECRET']) if (process.env[name]) values.push(process.env[name]!);
  return values.filter((value) => value.length >= 8);
}

/**
 * The last look before a bundle is packed: nothing in a forbidden place, no protected file's content
 * under another name, no local secret anywhere. Throws on the first problem.
 */
export function auditBundle(bundleDir: string, root = REPO_ROOT): void {
  const protectedHashes = new Map<string, string>();
  for (const file of protectedFiles(root)) {
    const data = readFileSync(join(root, file));
    if (data.length >= 64) protectedHashes.set(sha256(data), file);
  }
  const secrets = localSecrets(root);
  for (const file of walk(bundleDir, bundleDir)) {
    const reason = forbiddenReason(file);
    if (reason) throw new BundleLeakError(`The bundle holds ${file}, ${reason}.`);
    const path = join(bundleDir, file);
    if (statSync(path).size > 5_000_000) continue;
    const data = readFileSync(path);
    const copyOf = protectedHashes.get(sha256(data));
    if (copyOf) throw new BundleLeakError(`The bundle's ${file} is a copy of ${copyOf}.`);
    const text = data.toString('utf8');
    if (secrets.some((secret) => text.includes(secret))) throw new BundleLeakError(`The bundle's ${file} contains a secret from this machine (.env or the environment).`);
  }
}
