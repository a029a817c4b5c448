import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';

/** Learner-side code (labs/, solutions/) stands where a real integration would: it cannot reach into the vendor or the grader. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('learner-side code', () => {
  it('imports nothing from mock-vendor/, grader/ or test/', () => {
    const offenders = [...tsFiles(join(REPO_ROOT, 'labs')), ...tsFiles(join(REPO_ROOT, 'solutions'))].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)]
        .map((match) => match[1]!)
        .filter((specifier) => /(^|\/)(mock-vendor|grader|test)\//.test(specifier))
        .map((specifier) => `${relative(REPO_ROOT, file)} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
