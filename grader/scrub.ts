import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** Removes secrets from text before it reaches a report: feedback must never leak what it checks for. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[redacted token]');
}

const SECRET_NAME = /SECRET|TOKEN|KEY|PASSWORD|CREDENTIAL/i;

/**
 * Every secret the grading machine knows: the values of variables whose name says secret, token,
 * key or password, in the grader's environment and in the project's `.env`. Longest first, so a
 * secret that contains another is removed whole.
 */
export function machineSecrets(env: NodeJS.ProcessEnv = process.env, root = resolve(import.meta.dirname, '..')): string[] {
  const values = new Set<string>();
  const add = (vars: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(vars)) if (SECRET_NAME.test(name) && value && value.length >= 8) values.add(value);
  };
  add(env);
  const dotEnv = join(root, '.env');
  if (existsSync(dotEnv)) {
    try {
      add(parseEnv(readFileSync(dotEnv, 'utf8')));
    } catch {
      // An unreadable .env holds nothing to scrub.
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}
