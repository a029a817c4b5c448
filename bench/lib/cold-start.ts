import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ColdStartRun {
  /** Spawn to the end of the first HTTP response. */
  ms: number;
  /** As the child saw it (ms since its process started): imports evaluated, server listening. */
  modulesLoadedMs: number | undefined;
  listeningMs: number | undefined;
  status: number;
  attempts: number;
}

const DEADLINE_MS = 15_000;
const MAX_ATTEMPTS = 10_000;
const ATTEMPT_TIMEOUT_MS = 250;
const RETRY_PAUSE_MS = 2;

/** A port that was free a moment ago (the child binds it; a clash fails the run loudly). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One GET; the status once the whole response has arrived, or undefined if nobody answered. */
function tryGet(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: ATTEMPT_TIMEOUT_MS }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
      res.once('error', () => resolve(undefined));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end();
  });
}

/**
 * Spawns `node <args>` with BENCH_PORT set and polls `path` until the first answer. The child is
 * killed afterwards (through its own handle), and the run fails if it exits or never answers.
 */
export async function coldStart(args: string[], cwd: string, path: string): Promise<ColdStartRun> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, BENCH_PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let reported: { modulesLoadedMs?: number; listeningMs?: number } = {};
  child.on('message', (message: { type?: string; modulesLoadedMs?: number; listeningMs?: number }) => {
    if (message.type === 'cold-start') reported = message;
  });
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with code ${code}, signal ${signal}`;
      resolve();
    }),
  );
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && performance.now() - started < DEADLINE_MS; attempt++) {
      if (exited) throw new Error(`cold-start child ${exited} before answering`);
      const status = await tryGet(port, path);
      if (status !== undefined) {
        const ms = performance.now() - started;
        // The child's report is sent as it listens; give it a moment to arrive (bounded).
        for (let i = 0; i < 50 && reported.listeningMs === undefined && !exited; i++) await sleep(10);
        return { ms, status, attempts: attempt, modulesLoadedMs: reported.modulesLoadedMs, listeningMs: reported.listeningMs };
      }
      await sleep(RETRY_PAUSE_MS);
    }
    throw new Error(`cold-start child did not answer within ${DEADLINE_MS} ms`);
  } finally {
    if (!exited) {
      if (child.connected) child.disconnect();
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exit;
      clearTimeout(forced);
    }
  }
}
