import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT, type LabManifest } from '../lab-manifest.ts';

/**
 * What may never be in a take-home bundle. Checked on every selected file, so a visible check that
 * imports a solution or a hidden fixture stops the build instead of leaking it.
 */
const FORBIDDEN: { test: (path: string) => boolean; what: string }[] = [
  { test: (p) => p.startsWith('solutions/'), what: 'a reference solution' },
  { test: (p) => /\.hidden\./.test(p), what: 'a hidden check or its data' },
  { test: (p) => p.startsWith('test/fixtures/'), what: 'a bad client or hidden fixture' },
  { test: (p) => p.startsWith('questions/'), what: "the interviewer's kit" },
  { test: (p) => p.split('/').some((part) => part === '.env' || part.startsWith('.env.')), what: 'an environment file' },
  { test: (p) => p.startsWith('.takehomes/') || p.startsWith('scratch/'), what: "the interviewer's records" },
  { test: (p) => p.startsWith('grader/submissions/') || p.startsWith('grader/isolate/') || p.startsWith('grader/honesty'), what: 'interviewer-side grading code' },
];

export class BundleLeakError extends Error {}

export function forbiddenReason(path: string): string | undefined {
  return FORBIDDEN.find((rule) => rule.test(path))?.what;
}

export interface Selection {
  /** Repo-relative paths, sorted. */
  files: string[];
  /** npm packages the selected code imports. */
  packages: string[];
  /** Repo-relative paths of the visible check files (the digest covers these plus harness and vendor). */
  checkFiles: string[];
}

const ALWAYS = ['grader/cli/grade.ts', 'grader/cli/lab.ts', 'mock-vendor/main.ts'];
/** Left out of a lab's folder: the learner's own copy and backups, and hints (an interviewer's choice to give). */
const LAB_FOLDER_SKIP = new Set(['src', '.backups', 'hints.md', 'node_modules']);

/**
 * Every file the chosen labs need: their folders, the vendor, the platform, the grader CLIs and
 * whatever the visible checks import, followed transitively. Imports that lead somewhere forbidden
 * are an error; `import()` of interviewer-side modules (the take-home and batch commands) is left
 * out, and those commands say so inside a bundle.
 */
export function selectFiles(labs: readonly LabManifest[], root = REPO_ROOT): Selection {
  const seeds = new Set<string>(ALWAYS);
  for (const file of walk(join(root, 'mock-vendor'), root)) if (!file.endsWith('.test.ts')) seeds.add(file);
  for (const file of walk(join(root, 'labs', 'platform'), root)) if (!file.endsWith('.test.ts')) seeds.add(file);
  for (const lab of labs) {
    for (const file of walk(join(root, 'labs', lab.id), root, (name) => !LAB_FOLDER_SKIP.has(name))) seeds.add(file);
    seeds.add(lab.tests.visible);
  }
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    const reason = forbiddenReason(file);
    if (reason) throw new BundleLeakError(`${file} is ${reason} and must not go into a take-home bundle.`);
    files.add(file);
    if (!/\.(ts|mts|js|mjs)$/.test(file)) continue;
    for (const { spec, dynamic } of importsOf(join(root, file))) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(root, file, spec);
        if (!target) throw new BundleLeakError(`${file} imports "${spec}", which does not exist.`);
        if (dynamic && forbiddenReason(target)) continue;
        if (dynamic && /^grader\/takehome\/(?!record\.ts)/.test(target)) continue;
        if (!files.has(target)) queue.push(target);
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
        packages.add(packageName(spec));
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort(), checkFiles: labs.map((lab) => lab.tests.visible) };
}

/**
 * Packages the reference solutions of these labs import (names only, nothing of their code), so the
 * candidate has the libraries a good answer would reach for.
 */
export function packagesForLabWork(labs: readonly LabManifest[], root = REPO_ROOT): string[] {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = labs.flatMap((lab) => [...walk(join(root, 'solutions', lab.id), root), ...lab.starterFiles.map((file) => `labs/${lab.id}/starter/${file}`)]);
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !/\.(ts|mts|js|mjs)$/.test(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    for (const { spec } of importsOf(join(root, file))) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(root, file, spec);
        if (target) queue.push(target);
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) packages.add(packageName(spec));
    }
  }
  return [...packages].sort();
}

function importsOf(path: string): { spec: string; dynamic: boolean }[] {
  const text = readFileSync(path, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((ref) => ({
    spec: ref.fileName,
    dynamic: new RegExp(`import\\(\\s*['"\`]${ref.fileName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"\`]`).test(text),
  }));
}

function resolveRelative(root: string, from: string, spec: string): string | undefined {
  const base = normalize(join(dirname(join(root, from)), spec));
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  return found && relative(root, found).split(sep).join('/');
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Files under `dir`, repo-relative, skipping names `keep` refuses at any depth. */
export function walk(dir: string, root: string, keep: (name: string) => boolean = () => true): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => keep(entry.name) && !entry.isSymbolicLink())
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path, root, keep) : [relative(root, path).split(sep).join('/')];
    });
}
