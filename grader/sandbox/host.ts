/**
 * The grader's side of the boundary: starts the code under test in a worker thread of its own
 * (its own realm, its own globals, a heap limit, an environment of only what the lab allows),
 * and hands the checks a stand-in for the module it exports. The grader's realm never imports
 * the code under test. A sandbox that exits, throws, runs out of memory or overruns a check's
 * deadline is stopped for good and says why; the harness starts a fresh one for the next check.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { compileModule, type ResolveFallback } from './compile.ts';
import { MessageChannel, Worker } from 'node:worker_threads';
import { crashed, describe, exited } from './messages.ts';
import { Peer, PeerStopped } from './peer.ts';
import { remoteHandleOf } from './wire.ts';

/** The guest side, compiled once per grading process. */
let guestBundle: Promise<string> | undefined;
const compiledGuest = () => (guestBundle ??= compileModule(fileURLToPath(new URL('./guest.ts', import.meta.url))).then((compiled) => compiled.file));
/** Handle 1 on the code's side: load and serve (guest.ts). */
const CONTROL = 1;
/** Memory outside the heap (Buffers, ArrayBuffers) is watched through the process's resident size. */
const RSS_POLL_MS = 200;

export interface SandboxOptions {
  /** The whole of `process.env` inside the sandbox. */
  env: Record<string, string>;
  memoryMb: number;
  /** Starting and loading the module must finish by then (ms since the epoch). */
  deadlineAt: number;
  /**
   * Code copied out of the project: imports from inside `root` that find nothing are tried again as
   * if `root` were each of `standsFor` (resolve-hooks.mjs).
   */
  resolveFallback?: ResolveFallback;
}

export class SandboxStopped extends PeerStopped {
  override name = 'SandboxStopped';
}

export class Sandbox {
  private readonly outputs: { where: 'stdout' | 'stderr'; text: string }[] = [];
  private stopReason: string | undefined;
  private readonly rssWatch: NodeJS.Timeout;

  private constructor(
    private readonly worker: Worker,
    private readonly peer: Peer,
    private readonly memoryMb: number,
  ) {
    const startRss = process.memoryUsage.rss();
    this.rssWatch = setInterval(() => {
      if (process.memoryUsage.rss() - startRss > 2 * memoryMb * 1024 * 1024) this.stop(this.outOfMemory());
    }, RSS_POLL_MS).unref();
  }

  /** Starts a worker for the code under test and loads `entry` in it; resolves to the sandbox and the module's stand-in. */
  static async start(entry: string, options: SandboxOptions): Promise<{ sandbox: Sandbox; module: Record<string, unknown> }> {
    const channel = new MessageChannel();
    const toGuest = new SharedArrayBuffer(4);
    const toHost = new SharedArrayBuffer(4);
    const [guest, target] = await Promise.all([compiledGuest(), compileModule(entry, options.resolveFallback)]);
    const worker = new Worker(guest, {
      env: options.env,
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
      workerData: { port: channel.port2, toGuest, toHost },
      transferList: [channel.port2],
    });
    const peer = new Peer({ port: channel.port1, inbox: new Int32Array(toHost), outbox: new Int32Array(toGuest), onOutput: (where, text) => sandbox.record(where, text), onFatal: (reason) => sandbox.stop(reason) });
    const sandbox = new Sandbox(worker, peer, options.memoryMb);
    sandbox.watch();
    peer.deadlineAt = options.deadlineAt;
    const stopped = new Promise<never>((_, reject) => sandbox.onStop((reason) => reject(new SandboxStopped(reason))));
    stopped.catch(() => {});
    const loadReason = `Loading your code did not finish within ${Math.round((options.deadlineAt - Date.now()) / 1000)} s: a loop that never yields, or an import that waits forever`;
    peer.deadlineReason = loadReason;
    const deadline = setTimeout(() => sandbox.stop(loadReason), Math.max(0, options.deadlineAt - Date.now()));
    try {
      await Promise.race([once(worker, 'online'), stopped]);
      const module = await Promise.race([peer.call(CONTROL, 'load', [target.file]) as Promise<Record<string, unknown>>, stopped]);
      return { sandbox, module };
    } catch (error) {
      sandbox.stop(sandbox.stopReason ?? 'Loading failed.');
      throw error;
    } finally {
      clearTimeout(deadline);
      target.remove();
    }
  }

  /** Blocking calls into the code under test give up at `at`; a check sets it before it runs. */
  setDeadline(at: number, reason: string): void {
    this.peer.deadlineAt = at;
    this.peer.deadlineReason = reason;
  }

  /** Serves an HTTP handler the code returned (an Express app, or `object` and its method's name) on 127.0.0.1, inside the sandbox. */
  async serve(handler: unknown, method?: string): Promise<{ url: string; close(): Promise<void> }> {
    if (remoteHandleOf(handler) === undefined) throw new TypeError('serve() takes a handler the code under test returned.');
    const served = (await this.peer.call(CONTROL, 'serve', method === undefined ? [handler] : [handler, method])) as { port: number; close(): Promise<void> };
    return { url: `http://127.0.0.1:${served.port}`, close: async () => void (await Promise.resolve(this.isStopped ? undefined : served.close()).catch(() => {})) };
  }

  /** How long the code took to settle a promise it returned (measured in its worker, the boundary left out), once settled. */
  timeInCode(promise: unknown): number | undefined {
    return promise instanceof Promise ? this.peer.durationOf(promise) : undefined;
  }

  /** What the code printed since the last `takeOutput()`. */
  takeOutput(): { where: 'stdout' | 'stderr'; text: string }[] {
    return this.outputs.splice(0);
  }

  get isStopped(): boolean {
    return this.stopReason !== undefined;
  }

  /**
   * After a blocking call gave up: lets the worker's pending events (out of memory, a crash, an
   * exit) arrive, then stops the sandbox with `fallback` if none did. Resolves to why it stopped.
   */
  async settledStopReason(fallback: string): Promise<string> {
    for (let i = 0; i < 5 && !this.stopReason; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    this.stop(fallback);
    return this.stopReason!;
  }

  /** Why the sandbox stopped, if it did. */
  get stoppedBecause(): string | undefined {
    return this.stopReason;
  }

  private readonly stopListeners: ((reason: string) => void)[] = [];
  private onStop(listener: (reason: string) => void): void {
    if (this.stopReason) listener(this.stopReason);
    else this.stopListeners.push(listener);
  }

  /** Ends the worker (mid-loop if need be); everything still waiting on it rejects with `reason`. */
  stop(reason: string): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    clearInterval(this.rssWatch);
    this.peer.stop(reason);
    void this.worker.terminate();
    for (const listener of this.stopListeners.splice(0)) listener(reason);
  }

  private record(where: 'stdout' | 'stderr', text: string): void {
    if (this.outputs.length < 10_000) this.outputs.push({ where, text });
  }

  private outOfMemory(): string {
    return `Your code ran out of memory (limit ${this.memoryMb} MB). Look for a list that grows without end: a paging loop that never stops, or retries that keep every response.`;
  }

  private watch(): void {
    for (const where of ['stdout', 'stderr'] as const) {
      this.worker[where].setEncoding('utf8');
      this.worker[where].on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach((line) => this.record(where, line)));
    }
    this.worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return this.stop(this.outOfMemory());
      this.stop(crashed(describe(error)));
    });
    this.worker.on('exit', (code) => {
      this.peer.drain();
      this.stop(exited(code));
    });
  }
}
