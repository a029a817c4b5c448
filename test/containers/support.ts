import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../grader/lab-manifest.ts';
import { docker } from '../../grader/isolate/docker.ts';
import { writeReturnedWork } from '../support/returned-work.ts';

export const VENDOR_IMAGE = 'integration-lab/vendor:local';
export const GRADER_IMAGE = 'integration-lab/grader:local';

/** Fails with what to run when the engine or an image is missing (these tests never skip). */
export async function requireImages(...images: string[]): Promise<void> {
  const engine = await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000 });
  if (engine.code !== 0) throw new Error(`No Docker engine answers (${engine.stderr.trim()}). Run scripts/docker-up.sh (as root) or start Docker, then npm run test:containers.`);
  for (const image of images) {
    if ((await docker(['image', 'inspect', image], { timeoutMs: 15_000 })).code !== 0) {
      throw new Error(`The image ${image} is not built. Run scripts/image-build.sh, then npm run test:containers.`);
    }
  }
}

/** A scratch folder removed by the returned function. */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `integration-lab-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A well-behaved lab-01 submission as a candidate sends it, in `<dir>/<name>/01-first-integration/`. */
export function solidLab01Submission(dir: string, name: string): Promise<string> {
  return writeReturnedWork(dir, name, ['01-first-integration'], 'solution');
}

export function copyHostile(name: string, dir: string, as: string): string {
  const to = join(dir, as);
  cpSync(join(REPO_ROOT, 'test/fixtures/hostile-submissions', name), to, { recursive: true });
  return to;
}
