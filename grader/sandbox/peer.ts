/**
 * One side of the boundary: calls the other side's handles and answers calls to its own.
 *
 * Every call is synchronous at the wire: the caller posts a `call` and blocks (Atomics.wait on a
 * shared counter the other side bumps after each post) until the `reply` comes, serving calls that
 * arrive meanwhile, so nested calls in either direction cannot deadlock. A function that returns
 * a promise replies at once with a promise handle and sends its outcome later in a `settle`
 * message. That keeps the lab contracts as they are: `toCustomer()` and `now()` stay synchronous,
 * `request()` stays a promise. Why not birpc or comlink: docs/decisions/010-sandbox-boundary.md.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { decode, encode, LIVE_KEYS, type Encoded, type HandleShape, type Message } from './wire.ts';

/** A call the other side did not answer in time, or a side that is gone. */
export class PeerStopped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PeerStopped';
  }
}

export interface PeerOptions {
  port: MessagePort;
  /** Bumped by the other side after each message it posts to us. */
  inbox: Int32Array;
  /** Bumped by us after each message we post. */
  outbox: Int32Array;
  /** Lines the other side printed (only the grader's side receives them). */
  onOutput?: (where: 'stdout' | 'stderr', text: string) => void;
  /** The other side said it is ending, and why (only the grader's side receives it). */
  onFatal?: (reason: string) => void;
}

/** Captured before the code under test loads, so that patching JSON cannot garble what this side sends or reads. */
const { stringify, parse } = JSON;

interface Exported {
  value: object;
  shape: HandleShape;
}

const WAIT_SLICE_MS = 50;

export class Peer {
  private readonly exported = new Map<number, Exported>();
  private readonly ids = new WeakMap<object, number>();
  private nextHandle = 1;
  private nextCall = 1;
  private nextPromise = 1;
  private readonly replies = new Map<number, { ok: boolean; value: Encoded }>();
  private readonly promises = new Map<number, { promise?: Promise<unknown>; resolve(value: unknown): void; reject(error: unknown): void }>();
  private readonly earlySettles = new Map<number, { ok: boolean; value: Encoded; ms?: number }>();
  private stopped: string | undefined;
  /** When the call being answered started (performance.now()), for the `ms` of the promises it returns. */
  private answering: number | undefined;
  private readonly durations = new WeakMap<Promise<unknown>, number>();
  /** Blocking calls give up at this instant (ms since the epoch); the grader sets it per check. */
  deadlineAt = Number.POSITIVE_INFINITY;
  /** What to say when `deadlineAt` passes during a blocking call. */
  deadlineReason = 'The call did not finish in time.';

  constructor(private readonly options: PeerOptions) {
    options.port.on('message', (raw: unknown) => this.receive(raw));
  }

  /** Makes a local value callable by the other side; returns its handle id. */
  export(value: object, shape: HandleShape): number {
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    const id = this.nextHandle++;
    this.exported.set(id, { value, shape });
    this.ids.set(value, id);
    return id;
  }

  /** Calls a handle of the other side (a function when `method` is null). Returns what it returned. */
  call(target: number, method: string | null, args: readonly unknown[], get = false): unknown {
    if (this.stopped) throw new PeerStopped(this.stopped);
    const id = this.nextCall++;
    this.post({ t: 'call', id, target, method, ...(get ? { get } : {}), args: args.map((a) => this.encode(a)) });
    const reply = this.waitForReply(id);
    const value = this.decode(reply.value);
    if (!reply.ok) throw value;
    return value;
  }

  /** Stops the peer: every pending promise of the other side rejects with the reason. */
  stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = reason;
    for (const { reject } of this.promises.values()) reject(new PeerStopped(reason));
    this.promises.clear();
    this.options.port.removeAllListeners('message');
    this.options.port.close();
  }

  get isStopped(): boolean {
    return this.stopped !== undefined;
  }

  /** Sends text the code printed; used by the code's side only. */
  output(where: 'stdout' | 'stderr', text: string): void {
    if (!this.stopped) this.post({ t: 'output', where, text });
  }

  /** Tells the grader this side is ending and why; used by the code's side only. */
  fatal(reason: string): void {
    if (!this.stopped) this.post({ t: 'fatal', reason });
  }

  /**
   * Handles every message already waiting on the port, now. A worker's last words (why it crashed)
   * and its exit reach the host by different routes, in either order: read the words first.
   */
  drain(): void {
    for (let raw = receiveMessageOnPort(this.options.port); raw; raw = receiveMessageOnPort(this.options.port)) this.receive(raw.message);
  }

  private waitForReply(id: number): { ok: boolean; value: Encoded } {
    const { inbox, port } = this.options;
    for (;;) {
      const seen = Atomics.load(inbox, 0);
      const raw = receiveMessageOnPort(port);
      if (raw) {
        this.receive(raw.message);
        const reply = this.replies.get(id);
        if (reply) {
          this.replies.delete(id);
          return reply;
        }
        continue;
      }
      if (this.stopped) throw new PeerStopped(this.stopped);
      const left = this.deadlineAt - Date.now();
      if (left <= 0) throw new PeerStopped(this.deadlineReason);
      Atomics.wait(inbox, 0, seen, Math.min(left, WAIT_SLICE_MS));
    }
  }

  private receive(raw: unknown): void {
    if (this.stopped) return;
    let message: Message;
    try {
      message = parse(String(raw)) as Message;
    } catch {
      return;
    }
    switch (message.t) {
      case 'call':
        return this.answer(message);
      case 'reply':
        this.replies.set(message.id, { ok: message.ok, value: message.value });
        return;
      case 'settle': {
        const waiting = this.promises.get(message.promise);
        if (!waiting) {
          this.earlySettles.set(message.promise, message);
          return;
        }
        this.promises.delete(message.promise);
        this.settle(waiting, message);
        return;
      }
      case 'output':
        this.options.onOutput?.(message.where === 'stderr' ? 'stderr' : 'stdout', String(message.text));
        return;
      case 'fatal':
        this.options.onFatal?.(String(message.reason));
    }
  }

  /** How long the other side took to settle `promise` (one it returned from a call), once it has. */
  durationOf(promise: Promise<unknown>): number | undefined {
    return this.durations.get(promise);
  }

  private answer(message: Extract<Message, { t: 'call' }>): void {
    const outer = this.answering;
    this.answering = performance.now();
    try {
      this.answerCall(message);
    } finally {
      this.answering = outer;
    }
  }

  private answerCall(message: Extract<Message, { t: 'call' }>): void {
    let ok = true;
    let result: unknown;
    try {
      const entry = this.exported.get(message.target);
      if (!entry) throw new TypeError(`No handle ${message.target} on this side.`);
      const args = message.args.map((a) => this.decode(a));
      if (message.method === null) {
        if (typeof entry.value !== 'function') throw new TypeError('That handle is not a function.');
        result = Reflect.apply(entry.value as (...a: unknown[]) => unknown, undefined, args);
      } else if (message.get && entry.shape.live) {
        const record = entry.value as Record<string, unknown>;
        result = message.method === LIVE_KEYS ? Object.keys(record) : Object.hasOwn(record, message.method) ? record[message.method] : undefined;
      } else if (message.get) {
        if (!entry.shape.getters.includes(message.method)) throw new TypeError(`"${message.method}" is not a getter of that handle.`);
        result = (entry.value as Record<string, unknown>)[message.method];
      } else {
        if (!entry.shape.methods.includes(message.method)) throw new TypeError(`"${message.method}" is not a method of that handle.`);
        const method = (entry.value as Record<string, unknown>)[message.method];
        result = Reflect.apply(method as (...a: unknown[]) => unknown, entry.value, args);
      }
    } catch (error) {
      ok = false;
      result = error;
    }
    this.post({ t: 'reply', id: message.id, ok, value: this.encode(result) });
  }

  private settle(waiting: { promise?: Promise<unknown>; resolve(value: unknown): void; reject(error: unknown): void }, outcome: { ok: boolean; value: Encoded; ms?: number }): void {
    if (waiting.promise && typeof outcome.ms === 'number') this.durations.set(waiting.promise, outcome.ms);
    try {
      const value = this.decode(outcome.value);
      if (outcome.ok) waiting.resolve(value);
      else waiting.reject(value);
    } catch (error) {
      waiting.reject(error);
    }
  }

  private post(message: Message): void {
    this.options.port.postMessage(stringify(message));
    Atomics.add(this.options.outbox, 0, 1);
    Atomics.notify(this.options.outbox, 0);
  }

  private encode(value: unknown): Encoded {
    return encode(value, {
      handle: (v, shape) => this.export(v, shape),
      promise: (p) => {
        const id = this.nextPromise++;
        const started = this.answering ?? performance.now();
        const ms = () => Math.round((performance.now() - started) * 1000) / 1000;
        Promise.resolve(p).then(
          (v) => !this.stopped && this.post({ t: 'settle', promise: id, ok: true, value: this.encode(v), ms: ms() }),
          (e: unknown) => !this.stopped && this.post({ t: 'settle', promise: id, ok: false, value: this.encode(e), ms: ms() }),
        );
        return id;
      },
    });
  }

  private decode(value: Encoded): unknown {
    return decode(value, {
      remoteFunction: (id) =>
        (...args: unknown[]) =>
          this.call(id, null, args),
      remoteCall: (id, method, args, get) => this.call(id, method, args, get),
      local: (id) => {
        const entry = this.exported.get(id);
        if (!entry) throw new TypeError(`No handle ${id} on this side.`);
        return entry.value;
      },
      remotePromise: (id) => {
        const waiting: { promise?: Promise<unknown>; resolve(value: unknown): void; reject(error: unknown): void } = { resolve: () => {}, reject: () => {} };
        const promise = new Promise((resolve, reject) => Object.assign(waiting, { resolve, reject }));
        waiting.promise = promise;
        const early = this.earlySettles.get(id);
        if (early) {
          this.earlySettles.delete(id);
          this.settle(waiting, early);
        } else if (this.stopped) waiting.reject(new PeerStopped(this.stopped));
        else this.promises.set(id, waiting);
        // A promise the grader lets go of (a check that gave up, a stopped sandbox) is not an unhandled rejection.
        promise.catch(() => {});
        return promise;
      },
    });
  }
}
