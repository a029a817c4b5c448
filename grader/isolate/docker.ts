import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab-manifest.ts';

/**
 * The environment for the docker CLI: the caller's, plus what `scripts/docker-up.sh` wrote to
 * `.docker/env` (this project's private engine) when the caller names no engine itself.
 */
export function dockerEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = join(REPO_ROOT, '.docker', 'env');
  if (base['DOCKER_HOST'] || !existsSync(file)) return { ...base };
  const env = { ...base };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the docker CLI to completion; a non-zero exit is returned, not thrown. */
export function docker(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<DockerResult> {
  return new Promise((resolve) => {
    execFile('docker', args, { env: dockerEnv(), maxBuffer: 16 * 1024 * 1024, timeout: options.timeoutMs ?? 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

/** Throws a usage-grade error naming what to do when no engine answers. */
export async function assertDockerAnswers(): Promise<void> {
  const result = await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000 }).catch((error: Error) => ({ code: 1, stdout: '', stderr: error.message }));
  if (result.code !== 0) {
    throw new DockerUnavailable(
      `--isolate needs a Docker engine and none answered (${firstLine(result.stderr) || 'docker not found'}). ` +
        'Start one: Docker Desktop or your distribution\'s service, or on a machine without them "sudo scripts/docker-up.sh".',
    );
  }
}

export async function imageExists(image: string): Promise<boolean> {
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 15_000 })).code === 0;
}

export class DockerUnavailable extends Error {}

/**
 * A `docker run` attached to its output, collected up to a cap (`onOverflow` is called once past it);
 * settles with the CLI's exit code.
 */
export function dockerRunAttached(
  args: readonly string[],
  outputCapBytes: number,
  onOverflow: () => void,
): Promise<{ code: number; stdout: string; stderr: string; overflow: boolean }> {
  const child = spawn('docker', args, { env: dockerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const collect = (into: Buffer[]) => (chunk: Buffer) => {
    size += chunk.length;
    if (size <= outputCapBytes) into.push(chunk);
    else if (!overflow) {
      overflow = true;
      onOverflow();
    }
  };
  child.stdout.on('data', collect(out));
  child.stderr.on('data', collect(err));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: 127, stdout: '', stderr: error.message, overflow }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), overflow }));
  });
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
