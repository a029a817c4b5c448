/**
 * Compiles the code under test (and the sandbox's own guest side) to plain ESM JavaScript with
 * esbuild before a worker loads it: one file per target, the project's npm packages left as
 * imports. A worker then starts without a TypeScript loader of its own (a loader thread and an
 * esbuild service per worker cost most of a second each, hundreds of times per honesty matrix).
 *
 * What the code sees stays as in place: `import.meta.url`, `import.meta.dirname` and
 * `import.meta.filename` are each file's own (a lab reads its findings or runbook beside its code),
 * stack traces point at the TypeScript (inline source maps), and code copied out of the project
 * imports the lab's files as if it were still inside (`resolveFallback`).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import { REPO_ROOT } from '../lab-manifest.ts';

/** Inside the project's node_modules, so that the compiled file's package imports resolve from there. */
const IN_PROJECT = join(REPO_ROOT, 'node_modules', '.cache', 'integration-lab-sandbox');
let outDir: string | undefined;

/**
 * Where compiled files go: inside node_modules, or, where the project is read-only (the grader
 * container), a folder in the temp directory with a `node_modules` link back to the project's, so
 * package imports still resolve.
 */
function compiledDir(): string {
  if (outDir) return outDir;
  try {
    mkdirSync(IN_PROJECT, { recursive: true });
    accessSync(IN_PROJECT, constants.W_OK);
    outDir = IN_PROJECT;
  } catch {
    const dir = mkdtempSync(join(tmpdir(), 'integration-lab-sandbox-'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    outDir = dir;
  }
  return outDir;
}
const SOURCE = /\.(m?ts|m?js)$/;
const EXTENSIONS = ['', '.ts', '.mts', '.js', '.mjs', '/index.ts', '/index.js'];

export interface ResolveFallback {
  /** The copied folder. */
  root: string;
  /** Where in this project the folder stands, tried in order. */
  standsFor: string[];
}

/** The code under test did not compile: where and why, in the compiler's words. */
export class CompileError extends Error {
  override name = 'CompileError';
}

let counter = 0;

/** Compiles `entry` into a fresh file; returns its path and a function that deletes it. */
export async function compileModule(entry: string, fallback?: ResolveFallback): Promise<{ file: string; remove(): void }> {
  const file = join(compiledDir(), `${createHash('sha1').update(entry).digest('hex').slice(0, 12)}-${process.pid}-${++counter}.mjs`);
  try {
    await build({
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'silent',
      plugins: [fileOwnMeta, packageJson, ...(fallback ? [inPlace(fallback)] : [])],
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    throw new CompileError(errors.length > 0 ? errors.slice(0, 3).map(describe).join('; ') : (error as Error).message);
  }
  return { file, remove: () => rmSync(file, { force: true }) };
}

function describe(message: Message): string {
  if (!message.location) return message.text;
  // esbuild names files relative to its working directory: this process's.
  const absolute = resolvePath(message.location.file);
  const shown = relative(process.cwd(), absolute).startsWith('..') ? absolute : relative(process.cwd(), absolute);
  const where = `${shown}:${message.location.line}:${message.location.column + 1}: `;
  return `${where}${message.text}`;
}

/** Each file keeps its own import.meta.url, dirname and filename once bundled. */
const fileOwnMeta: Plugin = {
  name: 'file-own-import-meta',
  setup(esbuild) {
    esbuild.onLoad({ filter: SOURCE }, (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: /\.m?js$/.test(args.path) ? 'js' : 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/** A package's JSON file (i18n-iso-countries' language data) is bundled: Node would ask for an import attribute. */
const packageJson: Plugin = {
  name: 'package-json-inline',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./].*\.json$/ }, (args) => {
      try {
        return { path: createRequire(join(args.resolveDir || REPO_ROOT, 'noop.js')).resolve(args.path, { paths: [args.resolveDir, REPO_ROOT] }) };
      } catch {
        return undefined;
      }
    });
  },
};

/** A relative import from inside a copied folder that finds nothing is tried from where the folder stands in this project. */
function inPlace({ root, standsFor }: ResolveFallback): Plugin {
  return {
    name: 'copied-code-in-place',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!args.importer.startsWith(root) || exists(resolvePath(args.resolveDir, args.path))) return undefined;
        for (const place of standsFor) {
          const candidate = resolvePath(place + args.resolveDir.slice(root.length), args.path);
          const found = EXTENSIONS.map((ext) => candidate + ext).find((path) => existsSync(path) && !path.endsWith('/'));
          if (found) return { path: found };
        }
        return undefined;
      });
    },
  };
}

function exists(path: string): boolean {
  return EXTENSIONS.some((ext) => existsSync(path + ext));
}
