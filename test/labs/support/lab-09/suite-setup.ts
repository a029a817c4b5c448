/**
 * Loaded by the grader's child vitest run before each copy of the learner's suite (never imported).
 * It blocks every real network connection, so a suite that would reach the vendor fails loudly
 * and is reported, and it tidies up what one suite may leave behind for the next in the worker.
 */
import net from 'node:net';
import { afterAll, afterEach, vi } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Real connections a test tried to open (host:port), all refused. */
    networkAttempts?: string[];
  }
}

const ATTEMPTS = Symbol.for('integration-lab.09.network-attempts');
const registry = globalThis as unknown as Record<symbol, string[] | undefined>;

if (!registry[ATTEMPTS]) {
  const attempts: string[] = (registry[ATTEMPTS] = []);
  net.Socket.prototype.connect = function refuseConnection(this: net.Socket, ...args: unknown[]) {
    const where = describeTarget(args[0], args[1]);
    attempts.push(where);
    const error = Object.assign(new Error(`connect ECONNREFUSED ${where}: the grader blocks real network connections. Mock Acme with msw.`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof net.Socket.prototype.connect;
}

afterEach(({ task }) => {
  const attempts = registry[ATTEMPTS]!.splice(0);
  if (attempts.length > 0) task.meta.networkAttempts = attempts;
});

afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  disposeLeftoverInterceptors();
});

function describeTarget(options: unknown, host: unknown): string {
  // net.connect() hands connect() its arguments already normalised, as one array.
  if (Array.isArray(options)) return describeTarget(options[0], undefined);
  if (typeof options === 'object' && options !== null) {
    const { host: h, hostname, port, path } = options as { host?: string; hostname?: string; port?: number; path?: string };
    return path ?? `${h ?? hostname ?? 'localhost'}:${port}`;
  }
  return `${typeof host === 'string' ? host : 'localhost'}:${String(options)}`;
}

/** msw keeps its running interceptors on globalThis; a suite that never called server.close() would otherwise answer for the next one. */
function disposeLeftoverInterceptors(): void {
  for (const symbol of Object.getOwnPropertySymbols(globalThis)) {
    const value = (globalThis as Record<symbol, unknown>)[symbol] as { dispose?: unknown; emitter?: unknown; readyState?: unknown } | undefined;
    if (value && typeof value.dispose === 'function' && 'emitter' in value && 'readyState' in value) (value.dispose as () => void)();
  }
}
