/** What one isolated grading run may use; the container is stopped past any of them. */
export interface IsolationLimits {
  /** Memory for everything in the container (grader, vendor, checks, the code under test), MiB. */
  memoryMb: number;
  cpus: number;
  /** Processes and threads in the container. */
  pids: number;
  /** Wall-clock time for the whole run (all labs of one submission), seconds. */
  wallSeconds: number;
  /** The writable /tmp (a tmpfs, counted in memory), MiB. */
  tmpMb: number;
  /** What the run may print before it is stopped, MiB. */
  outputMb: number;
}

export const DEFAULT_LIMITS: IsolationLimits = { memoryMb: 1024, cpus: 1, pids: 256, wallSeconds: 300, tmpMb: 256, outputMb: 16 };

export function describeLimits(limits: IsolationLimits): string {
  return `${limits.memoryMb} MiB memory, ${limits.cpus} CPU, ${limits.pids} processes, ${limits.wallSeconds} s, no network, read-only files`;
}
