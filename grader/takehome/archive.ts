import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';

/** `<dir>.tar.gz` beside the folder, holding the folder itself (so it unpacks into one directory). */
export function tarGz(dir: string, file = `${dir}.tar.gz`): string {
  execFileSync('tar', ['-czf', file, '-C', dirname(dir), basename(dir)], { stdio: ['ignore', 'ignore', 'pipe'] });
  return file;
}

export function untarGz(file: string, into: string): void {
  execFileSync('tar', ['-xzf', file, '-C', into, '--no-same-owner'], { stdio: ['ignore', 'ignore', 'pipe'] });
}
