import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { StatsReport, ParentMessage } from '../servers/protocol.ts';

export interface ReadyInfo {
  ready: true;
  pid: number;
  name: string;
  url: string;
  token?: string;
  [key: string]: unknown;
}

export interface ServerChild {
  name: string;
  info: ReadyInfo;
  process: ChildProcess;
  /** Set when the child exited before we asked it to. */
  crashed: string | undefined;
  send(message: ParentMessage): void;
  stats(gc?: boolean): Promise<StatsReport>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  /** Arguments after the node executable, e.g. ['--import', 'tsx', 'bench/servers/vendor.ts']. */
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Sent right after spawning (the baselines wait for the page they serve). */
  init?: ParentMessage;
  readyTimeoutMs?: number;
}

const live = new Set<ChildProcess>();

/** Kills (by pid, via the handle we spawned) every server child still running. */
export function killAllChildren(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  live.clear();
}

/** Spawns a server child and resolves once it printed its ready line. */
export function spawnServer(options: SpawnOptions): Promise<ServerChild> {
  const { name, args, cwd, env = {}, init, readyTimeoutMs = 30_000 } = options;
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  live.add(child);
  let stopping = false;
  let crashed: string | undefined;

  return new Promise<ServerChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: no ready line within ${readyTimeoutMs} ms`));
    }, readyTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${name}: could not spawn: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      live.delete(child);
      if (!stopping) {
        crashed = `${name} (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}`;
        clearTimeout(timer);
        reject(new Error(crashed));
      }
    });
    const lines = createInterface({ input: child.stdout! });
    let ready = false;
    lines.on('line', (line) => {
      if (ready) {
        process.stdout.write(`  [${name}] ${line}\n`);
        return;
      }
      let parsed: ReadyInfo;
      try {
        parsed = JSON.parse(line) as ReadyInfo;
      } catch {
        process.stdout.write(`  [${name}] ${line}\n`);
        return;
      }
      if (parsed.ready !== true) return;
      ready = true;
      clearTimeout(timer);
      const handle: ServerChild = {
        name,
        info: parsed,
        process: child,
        get crashed() {
          return crashed;
        },
        send: (message) => child.send(message),
        stats: (gc = false) =>
          new Promise<StatsReport>((res, rej) => {
            const t = setTimeout(() => {
              child.off('message', onMessage);
              rej(new Error(`${name}: no stats report within 10 s`));
            }, 10_000);
            const onMessage = (message: unknown) => {
              if ((message as { type?: string }).type !== 'stats') return;
              clearTimeout(t);
              child.off('message', onMessage);
              res(message as StatsReport);
            };
            child.on('message', onMessage);
            child.send({ type: 'stats', gc } satisfies ParentMessage);
          }),
        stop: () =>
          new Promise<void>((res) => {
            stopping = true;
            if (child.exitCode !== null || child.signalCode !== null) return res();
            const t = setTimeout(() => child.kill('SIGKILL'), 3_000);
            child.once('exit', () => {
              clearTimeout(t);
              res();
            });
            if (child.connected) child.send({ type: 'exit' } satisfies ParentMessage);
            else child.kill('SIGTERM');
          }),
      };
      resolve(handle);
    });
    if (init) child.send(init);
  });
}
