/**
 * The child side of the bench protocol. A server child prints exactly one JSON line on stdout
 * once it listens (`{"ready":true,...}`), then answers IPC messages from the orchestrator:
 * `{type:'stats', gc?:boolean}` → `{type:'stats', rss, heapUsed, cpuMicros, ...}`, `{type:'exit'}`.
 * It exits by itself when the IPC channel closes, so no child outlives a crashed orchestrator.
 */

export interface StatsReport {
  type: 'stats';
  /** User + system CPU time this process has used so far (process.cpuUsage), in microseconds. */
  cpuMicros: number;
  /** The system (kernel) part of cpuMicros: socket writes and reads on loopback are most of it. */
  cpuSystemMicros: number;
  rss: number;
  heapUsed: number;
  /** After a full GC, when the child runs with --expose-gc and the parent asked for it. */
  rssAfterGc: number | null;
  heapUsedAfterGc: number | null;
  /** What V8 has committed for its heap (used + free space it keeps), after the GC. */
  heapTotalAfterGc: number | null;
  /** Memory held outside the JS heap (Buffers and the like), after the GC. */
  externalAfterGc: number | null;
  extra: Record<string, number>;
}

export type ParentMessage = { type: 'init'; json: string } | { type: 'stats'; gc?: boolean } | { type: 'exit' };

export function announce(info: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, ...info })}\n`);
}

/** Waits for the orchestrator's `init` message (the page the baselines serve). */
export function waitForInit(timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no init message within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ParentMessage) => {
      if (message.type !== 'init') return;
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(message.json);
    };
    process.on('message', onMessage);
  });
}

export function serveCommands(extra: () => Record<string, number> = () => ({})): void {
  if (!process.send) throw new Error('bench servers must be started by bench/vendor-throughput.ts (with an IPC channel)');
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'exit') process.exit(0);
    if (message.type !== 'stats') return;
    const cpu = process.cpuUsage();
    const before = process.memoryUsage();
    const gc = (globalThis as { gc?: () => void }).gc;
    let after: NodeJS.MemoryUsage | undefined;
    if (message.gc && gc) {
      gc();
      after = process.memoryUsage();
    }
    const report: StatsReport = {
      type: 'stats',
      cpuMicros: cpu.user + cpu.system,
      cpuSystemMicros: cpu.system,
      rss: before.rss,
      heapUsed: before.heapUsed,
      rssAfterGc: after?.rss ?? null,
      heapUsedAfterGc: after?.heapUsed ?? null,
      heapTotalAfterGc: after?.heapTotal ?? null,
      externalAfterGc: after?.external ?? null,
      extra: extra(),
    };
    process.send!(report);
  });
}
