import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Busy and total CPU time of the whole machine so far, in microseconds (Linux /proc/stat). */
export interface MachineCpu {
  busyMicros: number;
  totalMicros: number;
}

const USER_HZ = 100;

export function machineCpu(): MachineCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    const toMicros = (ticks: number) => (ticks * 1_000_000) / USER_HZ;
    return { busyMicros: toMicros(busy), totalMicros: toMicros(busy + idle + iowait) };
  } catch {
    return undefined;
  }
}

/**
 * CPU the rest of the machine used during a run, in cores: all busy time minus what this bench's
 * own processes (the server child and autocannon here) used. Other work on the machine competes
 * with the server and autocannon for the 2 cores, so runs with a high value read low.
 */
export function otherCores(before: MachineCpu | undefined, after: MachineCpu | undefined, ownMicros: number, wallMicros: number): number | undefined {
  if (!before || !after || wallMicros <= 0) return undefined;
  const busy = after.busyMicros - before.busyMicros;
  return Math.max(0, Math.min(cpus().length, (busy - ownMicros) / wallMicros));
}
