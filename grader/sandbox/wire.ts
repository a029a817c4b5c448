/**
 * What crosses the boundary between the grader and the code under test: plain JSON. Data is
 * copied; functions, objects with methods and promises are sent as handles that the other side
 * calls back through (see peer.ts). This module is loaded on both sides and imports nothing, so
 * the code under test gains nothing by reaching it.
 */

/** One message on the wire. Every value inside is an `Encoded`. */
export type Message =
  | { t: 'call'; id: number; target: number; method: string | null; get?: boolean; args: Encoded[] }
  | { t: 'reply'; id: number; ok: boolean; value: Encoded }
  /** `ms`: how long the promise took on the side that ran it, from the call that made it to its outcome. */
  | { t: 'settle'; promise: number; ok: boolean; value: Encoded; ms?: number }
  | { t: 'output'; where: 'stdout' | 'stderr'; text: string }
  /** The code's side is about to end (an uncaught exception, process.exit): why, in a learner's words. */
  | { t: 'fatal'; reason: string };

/** A JSON value in which objects whose `$` key is a string are tags (below); a data object's own `$` is escaped as `{ $: 'o' }`. */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

/** The shape of a handle: what the other side may call on it. */
export interface HandleShape {
  methods: string[];
  getters: string[];
  /** A live record (`live()`): any own property may be read, and its keys listed (the getter named "*keys*"). */
  live?: boolean;
}

/** The getter name that lists a live record's keys. */
export const LIVE_KEYS = '*keys*';

/**
 * Marks a stand-in with the id of the other side's handle it stands for, so that sending it back
 * sends the original (`{ $: 'yours' }`), and the sandbox can ask the code's side to serve it.
 */
export const REMOTE_HANDLE = Symbol('remote handle');

const LIVE = Symbol('live');

/**
 * Marks a record (an `env` the check will change later, say) to cross by reference: the other side
 * reads its properties when it reads them, not a copy taken when it crossed.
 */
export function live<T extends object>(record: T): T {
  Object.defineProperty(record, LIVE, { value: true });
  return record;
}

function isLive(value: object): boolean {
  return safe(() => (value as { [LIVE]?: unknown })[LIVE] === true, false);
}

/** The other side's handle id a stand-in stands for, if `value` is one. */
export function remoteHandleOf(value: unknown): number | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  const id = safe(() => (value as { [REMOTE_HANDLE]?: unknown })[REMOTE_HANDLE], undefined);
  return typeof id === 'number' ? id : undefined;
}

/** Limits that keep one message bounded whatever the code under test hands over. */
const MAX_DEPTH = 12;
const MAX_NODES = 50_000;

const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));
const FUNCTION_MEMBERS = new Set(Object.getOwnPropertyNames(Function.prototype));

/** Names a handle answers to: its own and inherited methods and getters, never what every object or function has. */
export function shapeOf(value: object): HandleShape {
  const methods = new Set<string>();
  const getters = new Set<string>();
  const builtin = typeof value === 'function' ? FUNCTION_MEMBERS : OBJECT_MEMBERS;
  for (let level: object | null = value; level && level !== Object.prototype && level !== Function.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of Object.getOwnPropertyNames(level)) {
      if (builtin.has(name) || OBJECT_MEMBERS.has(name) || methods.has(name) || getters.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(level, name);
      if (!descriptor) continue;
      if (descriptor.get && level !== value) getters.add(name);
      else if (typeof descriptor.value === 'function') methods.add(name);
    }
  }
  return { methods: [...methods], getters: [...getters] };
}

export interface EncodeHooks {
  /** Registers a function or object with methods and returns its handle id. */
  handle(value: object, shape: HandleShape): number;
  /** Registers a promise whose outcome will follow in a `settle` message. */
  promise(value: PromiseLike<unknown>): number;
}

/** Never throws: what cannot be read (a Proxy whose traps throw, say) is sent as `[unreadable]`. */
export function encode(value: unknown, hooks: EncodeHooks): Encoded {
  try {
    return encodeValue(value, hooks);
  } catch {
    return { $: 'cut', why: 'unreadable' };
  }
}

function encodeValue(value: unknown, hooks: EncodeHooks): Encoded {
  let nodes = 0;
  const ancestors: object[] = [];
  const walk = (v: unknown, depth: number): Encoded => {
    if (++nodes > MAX_NODES) return { $: 'cut', why: 'too large' };
    const theirs = remoteHandleOf(v);
    if (theirs !== undefined) return { $: 'yours', id: theirs };
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return Number.isFinite(v) && !Object.is(v, -0) ? v : { $: 'num', v: Object.is(v, -0) ? '-0' : String(v) };
      case 'undefined':
        return { $: 'undef' };
      case 'bigint':
        return { $: 'bigint', v: v.toString() };
      case 'symbol':
        return { $: 'symbol', v: v.description ?? '' };
      case 'function':
        return { $: 'fn', id: hooks.handle(v, shapeOf(v)), name: safe(() => String(v.name), '') };
    }
    if (v === null) return null;
    const object = v as object;
    if (depth > MAX_DEPTH) return { $: 'cut', why: 'too deep' };
    if (ancestors.includes(object)) return { $: 'cut', why: 'circular' };
    ancestors.push(object);
    try {
      return walkObject(object, depth);
    } finally {
      ancestors.pop();
    }
  };
  const fields = (object: object, depth: number, skip: readonly string[] = []): Record<string, Encoded> => {
    const out: Record<string, Encoded> = {};
    for (const key of safe(() => Object.keys(object), [])) {
      if (skip.includes(key)) continue;
      const value = safe(() => (object as Record<string, unknown>)[key], undefined);
      if (typeof value === 'function') continue;
      out[key] = walk(value, depth + 1);
    }
    return out;
  };
  const walkObject = (object: object, depth: number): Encoded => {
    if (safe(() => typeof (object as { then?: unknown }).then === 'function', false)) return { $: 'promise', id: hooks.promise(object as PromiseLike<unknown>) };
    const tag = safe(() => Object.prototype.toString.call(object), '');
    if (tag === '[object Error]' || safe(() => object instanceof Error, false)) {
      const error = object as Error;
      return {
        $: 'error',
        name: safe(() => String(error.name), 'Error'),
        message: safe(() => String(error.message), ''),
        stack: safe(() => String(error.stack ?? ''), ''),
        fields: fields(error, depth, ['name', 'message', 'stack']),
        ...(safe(() => 'cause' in error && error.cause !== undefined, false) ? { cause: walk(safe(() => error.cause, undefined), depth + 1) } : {}),
      };
    }
    if (tag === '[object Date]') return { $: 'date', v: safe(() => (object as Date).getTime(), NaN) || 0 };
    if (tag === '[object RegExp]') return { $: 'regexp', source: (object as RegExp).source, flags: (object as RegExp).flags };
    if (Array.isArray(object)) return safe(() => Array.from(object, (item) => walk(item, depth + 1)), []);
    if (tag === '[object Map]') return { $: 'map', v: safe(() => [...(object as Map<unknown, unknown>)].map(([k, val]) => [walk(k, depth + 1), walk(val, depth + 1)]), []) };
    if (tag === '[object Set]') return { $: 'set', v: safe(() => [...(object as Set<unknown>)].map((item) => walk(item, depth + 1)), []) };
    if (ArrayBuffer.isView(object)) return { $: 'bytes', v: Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('base64') };
    if (isLive(object)) return { $: 'live', id: hooks.handle(object, { methods: [], getters: [], live: true }) };
    const shape = safe(() => shapeOf(object), { methods: [], getters: [] });
    const data = fields(object, depth);
    if (shape.methods.length > 0 || shape.getters.length > 0) return { $: 'ref', id: hooks.handle(object, shape), methods: shape.methods, getters: shape.getters, data };
    return '$' in data ? { $: 'o', v: data } : data;
  };
  return walk(value, 0);
}

export interface DecodeHooks {
  /** A callable stand-in for a handle of the other side. */
  remoteFunction(id: number, name: string): (...args: unknown[]) => unknown;
  /** Calls a method or reads a getter of a handle of the other side. */
  remoteCall(id: number, method: string, args: unknown[], get: boolean): unknown;
  /** The local promise standing for a promise of the other side. */
  remotePromise(id: number): Promise<unknown>;
  /** One of our own handles, sent back. */
  local(id: number): unknown;
}


export function decode(value: Encoded, hooks: DecodeHooks): unknown {
  const walk = (v: Encoded): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(walk);
    const tag = v['$'];
    if (typeof tag !== 'string') return plain(v, walk);
    switch (tag) {
      case 'o':
        return plain(v['v'] as Record<string, Encoded>, walk);
      case 'undef':
        return undefined;
      case 'num':
        return Number(v['v']);
      case 'bigint':
        return BigInt(String(v['v']));
      case 'symbol':
        return Symbol(String(v['v']));
      case 'date':
        return new Date(Number(v['v']));
      case 'regexp':
        return new RegExp(String(v['source']), String(v['flags']));
      case 'map':
        return new Map((v['v'] as Encoded[][]).map(([k, val]) => [walk(k!), walk(val!)]));
      case 'set':
        return new Set((v['v'] as Encoded[]).map(walk));
      case 'bytes':
        return new Uint8Array(Buffer.from(String(v['v']), 'base64'));
      case 'cut':
        return `[${String(v['why'])}]`;
      case 'promise':
        return hooks.remotePromise(Number(v['id']));
      case 'yours':
        return hooks.local(Number(v['id']));
      case 'error':
        return decodeError(v, walk);
      case 'fn': {
        const fn = hooks.remoteFunction(Number(v['id']), String(v['name'] ?? ''));
        Object.defineProperty(fn, REMOTE_HANDLE, { value: Number(v['id']) });
        return fn;
      }
      case 'ref':
        return decodeRef(v, walk, hooks);
      case 'live':
        return decodeLive(Number(v['id']), hooks);
      default:
        throw new TypeError(`Unknown value tag "${tag}" on the sandbox wire.`);
    }
  };
  return walk(value);
}

function plain(fields: Record<string, Encoded>, walk: (v: Encoded) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) Object.defineProperty(out, key, { value: walk(value), enumerable: true, writable: true, configurable: true });
  return out;
}

function decodeError(v: Record<string, Encoded>, walk: (v: Encoded) => unknown): Error {
  const error = new Error(String(v['message']));
  Object.defineProperty(error, 'name', { value: String(v['name']), writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'stack', { value: String(v['stack']), writable: true, configurable: true, enumerable: false });
  Object.assign(error, plain((v['fields'] ?? {}) as Record<string, Encoded>, walk));
  if ('cause' in v) Object.defineProperty(error, 'cause', { value: walk(v['cause']!), writable: true, configurable: true, enumerable: false });
  return error;
}

function decodeRef(v: Record<string, Encoded>, walk: (v: Encoded) => unknown, hooks: DecodeHooks): object {
  const id = Number(v['id']);
  const out = plain((v['data'] ?? {}) as Record<string, Encoded>, walk);
  for (const method of v['methods'] as string[]) {
    Object.defineProperty(out, method, { value: (...args: unknown[]) => hooks.remoteCall(id, method, args, false), writable: true, configurable: true, enumerable: false });
  }
  for (const getter of v['getters'] as string[]) {
    Object.defineProperty(out, getter, { get: () => hooks.remoteCall(id, getter, [], true), configurable: true, enumerable: false });
  }
  Object.defineProperty(out, REMOTE_HANDLE, { value: id });
  return out;
}

function decodeLive(id: number, hooks: DecodeHooks): object {
  const read = (key: string) => hooks.remoteCall(id, key, [], true);
  const keys = () => hooks.remoteCall(id, LIVE_KEYS, [], true) as string[];
  return new Proxy(
    {},
    {
      get: (_, key) => (typeof key === 'string' ? read(key) : undefined),
      has: (_, key) => typeof key === 'string' && keys().includes(key),
      ownKeys: () => keys(),
      getOwnPropertyDescriptor: (_, key) => (typeof key === 'string' && keys().includes(key) ? { value: read(key), enumerable: true, configurable: true, writable: false } : undefined),
      set: () => false,
    },
  );
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
