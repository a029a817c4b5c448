/**
 * The vendor as one file for plain `node`: `npm start`, the container image and the cold-start
 * benchmark run it. tsx compiles ~200 TypeScript modules at every start (about 1.4 s); the bundle
 * starts in a fraction of that. Plain JavaScript so that it runs before anything is compiled.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { codeCachePath } from './code-cache.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const VENDOR_ENTRY = join(ROOT, 'mock-vendor/main.ts');
export const VENDOR_BUNDLE = join(ROOT, 'dist/vendor/main.cjs');

/** Start-up is mostly parsing: keep out what the vendor never runs. */
const slimmer = {
  name: 'slimmer',
  setup(build) {
    // Code-page tables nobody sends us; TextDecoder covers the charsets body-parser accepts.
    build.onResolve({ filter: /^iconv-lite$/ }, () => ({ path: join(ROOT, 'scripts/bundle/iconv-lite-on-text-decoder.cjs') }));
    // `z.locales` holds ~50 languages; the vendor speaks English.
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(args.resolveDir, args.path), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** The console's browser files travel inside the bundle (mock-vendor/console/console-assets.ts reads them from there). */
const CONSOLE_ASSETS_DIR = join(ROOT, 'mock-vendor/console/assets');
function consoleAssets() {
  return Object.fromEntries(readdirSync(CONSOLE_ASSETS_DIR).map((name) => [name, readFileSync(join(CONSOLE_ASSETS_DIR, name), 'utf8')]));
}

/**
 * Builds `entry` into `outfile`: every dependency inlined, Node 20+, CommonJS so that
 * `run-with-code-cache.mjs` can hand V8 the code it compiled last time (ESM has no such hook
 * before Node 22). `format: 'esm'` is for entries with top-level await (the benchmark's servers);
 * their bundled CommonJS dependencies get a real `require` for Node's built-in modules.
 * `minify: false` keeps names and esbuild's `// path` comments, which the profiler reads.
 */
export async function buildBundle({ entry = VENDOR_ENTRY, outfile = VENDOR_BUNDLE, format = 'cjs', minify = true } = {}) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format,
    ...(format === 'esm' ? { banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" } } : {}),
    target: 'node20',
    minify,
    legalComments: 'linked',
    define: { __ACME_CONSOLE_ASSETS__: JSON.stringify(consoleAssets()) },
    logLevel: 'error',
    plugins: [slimmer],
  });
  rmSync(codeCachePath(outfile), { force: true });
  return outfile;
}

function newestSourceMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (/\.(ts|js|css)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when the bundle is missing or older than the vendor's sources or the installed packages. */
export function bundleIsStale(outfile = VENDOR_BUNDLE) {
  let built;
  try {
    built = statSync(outfile).mtimeMs;
  } catch {
    return true;
  }
  const lock = join(ROOT, 'package-lock.json');
  const inputs = [newestSourceMs(join(ROOT, 'mock-vendor')), statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0];
  return inputs.some((ms) => ms > built);
}
