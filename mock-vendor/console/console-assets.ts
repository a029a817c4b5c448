import { readFileSync } from 'node:fs';

/** Set by the bundler (scripts/bundle/vendor-bundle.mjs), which carries the files inline. */
declare const __ACME_CONSOLE_ASSETS__: Record<ConsoleAsset, string> | undefined;

/** Every browser file of the console; `console.js` imports the other modules. */
export const CONSOLE_ASSETS = ['console.js', 'details.js', 'group-hue.js', 'why-not-tied.js', 'wording.js', 'console.css', 'favicon.svg'] as const;
export type ConsoleAsset = (typeof CONSOLE_ASSETS)[number];

/** A browser file of the console: inline in the bundle, read from `assets/` beside this module otherwise. */
export function consoleAsset(name: ConsoleAsset): string {
  if (typeof __ACME_CONSOLE_ASSETS__ !== 'undefined') return __ACME_CONSOLE_ASSETS__[name];
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
}
