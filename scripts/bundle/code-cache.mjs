/**
 * Runs a CommonJS bundle with V8's code cache: the first start saves the bytecode V8 compiled
 * for the bundle's top level and everything it ran while loading; later starts skip compiling it.
 * A cache V8 rejects (other Node version, changed bundle) is rewritten; a read-only disk only
 * costs the saving.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export const codeCachePath = (bundle) => `${bundle}.v8-cache`;

function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

export function runWithCodeCache(bundle) {
  const cachePath = codeCachePath(bundle);
  const cachedData = readCache(cachePath);
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  if (!cachedData || script.cachedDataRejected) {
    setImmediate(() => {
      try {
        writeFileSync(cachePath, script.createCachedData());
      } catch {
        // Nowhere to save it: the next start compiles again, nothing worse.
      }
    });
  }
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}
