import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** The project's `.env`, written by `npm start` and `npm run lab -- start NN`. */
export const ENV_FILE = resolve(import.meta.dirname, '../../.env');

/**
 * The variables a lab's run script hands your code: `.env` first, then the real environment on top
 * (so `VENDOR_BASE_URL=... npx tsx labs/...` wins). Read again on every call.
 */
export function labEnv(): Record<string, string | undefined> {
  const fromFile = existsSync(ENV_FILE) ? parseEnv(readFileSync(ENV_FILE, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}
