import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab-manifest.ts';

interface ProjectPackage {
  version: string;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** Always needed to run anything in a bundle: TypeScript through tsx, and its type checker. */
const TOOLING = ['tsx', 'typescript', '@types/node'];

/**
 * The bundle's package.json: the project's scripts shape (`npm install && npm start`, `npm test`),
 * and only the packages the bundled code and the chosen labs' work import, at the project's versions.
 */
export function bundlePackageJson(bundleId: string, packages: readonly string[], root = REPO_ROOT): string {
  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as ProjectPackage;
  const versionOf = (name: string) => project.dependencies[name] ?? project.devDependencies[name];
  const missing = packages.filter((name) => !versionOf(name));
  if (missing.length > 0) throw new Error(`The bundled code imports ${missing.join(', ')}, which the project's package.json does not list.`);
  const runtime = packages.filter((name) => project.dependencies[name]);
  const types = [...packages, ...TOOLING].map((name) => `@types/${name.replace(/^@([^/]+)\//, '$1__')}`).filter((name) => project.devDependencies[name]);
  const dev = [...new Set([...packages.filter((name) => !project.dependencies[name]), ...TOOLING, ...types])];
  const pick = (names: readonly string[]) => Object.fromEntries([...names].sort().map((name) => [name, versionOf(name)!]));
  const pkg = {
    name: `integration-lab-${bundleId}`,
    version: project.version,
    private: true,
    description: 'An Integration Lab take-home: read CANDIDATE.md first.',
    type: 'module',
    ...(project.engines ? { engines: project.engines } : {}),
    scripts: {
      start: 'tsx mock-vendor/main.ts',
      test: 'tsx grader/cli/grade.ts --no-hidden',
      grade: 'tsx grader/cli/grade.ts --no-hidden',
      lab: 'tsx grader/cli/lab.ts',
      typecheck: 'tsc --noEmit',
      handin: `tar --exclude=./node_modules --exclude=./.env -czf ../${bundleId}-returned.tar.gz .`,
      postinstall: 'tsx grader/cli/lab.ts init',
    },
    dependencies: pick(runtime),
    devDependencies: pick(dev),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The project's tsconfig with `include` narrowed to the folders a bundle has. */
export function bundleTsconfig(root = REPO_ROOT): string {
  const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { include?: string[] };
  config.include = ['mock-vendor', 'test', 'labs', 'grader'];
  return `${JSON.stringify(config, null, 2)}\n`;
}
