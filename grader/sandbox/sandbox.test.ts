import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab-manifest.ts';
import { Sandbox } from './host.ts';
import { guestEnv } from './limits.ts';
import { PeerStopped } from './peer.ts';

const ECHO = join(REPO_ROOT, 'test/fixtures/sandbox/echo.ts');
type Echo = typeof import('../../test/fixtures/sandbox/echo.ts');

let running: Sandbox | undefined;
afterEach(() => running?.stop('test over'));

async function start(memoryMb = 512): Promise<{ sandbox: Sandbox; lab: Echo }> {
  const { sandbox, module } = await Sandbox.start(ECHO, { env: guestEnv(process.env, { VENDOR_BASE_URL: 'http://127.0.0.1:1' }), memoryMb, deadlineAt: Date.now() + 30_000 });
  running = sandbox;
  return { sandbox, lab: module as unknown as Echo };
}

describe('the sandbox boundary', () => {
  it('copies data both ways, tags included', async () => {
    const { lab } = await start();
    const value = { n: 1.5, big: 12345678901234567890n, when: new Date(0), map: new Map([['a', 1]]), set: new Set([2]), missing: undefined, nan: NaN, list: [1, 'two', null], $: 'dollar' };
    expect(lab.echo(value)).toEqual(value);
    expect(lab.VERSION).toBe('1.0');
  });

  it('keeps synchronous calls synchronous and promises promises, callbacks included', async () => {
    const { lab } = await start();
    expect(lab.callNow(() => 41)).toBe(42);
    const waits: number[] = [];
    await expect(lab.later('done', async (ms) => void waits.push(ms))).resolves.toBe('done');
    expect(waits).toEqual([5]);
  });

  it('throws errors with their name, message, fields and cause', async () => {
    const { lab } = await start();
    let caught: unknown;
    try {
      lab.fail();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ name: 'TypeError', message: 'boom', status: 503, code: 'unavailable' });
    expect(((caught as Error).cause as Error).message).toBe('root');
    expect((caught as Error).stack).toContain('echo.ts');
  });

  it('hands back objects whose methods and getters call into the sandbox', async () => {
    const { lab } = await start();
    const counter = lab.counter(10);
    expect(counter.increment(5)).toBe(15);
    const store = lab.makeStore();
    store.put('a', 1);
    store.put('b', 2);
    expect(store.size).toBe(2);
  });

  it('routes logger calls to the grader and keeps what the code prints', async () => {
    const { sandbox, lab } = await start();
    const lines: string[] = [];
    expect(lab.useLogger({ info: (message) => void lines.push(message) })).toBe('logged');
    expect(lines).toEqual(['hello from the sandbox']);
    expect(sandbox.takeOutput().map((o) => o.text)).toContain("printed { a: 1 }");
  });

  it('gives the code only the environment it is handed', async () => {
    process.env['SANDBOX_TEST_SECRET'] = 'do-not-pass-me';
    const { lab } = await start();
    const seen = lab.env();
    expect(seen['SANDBOX_TEST_SECRET']).toBeUndefined();
    expect(seen['VENDOR_BASE_URL']).toBe('http://127.0.0.1:1');
    expect(Object.keys(seen).every((name) => ['PATH', 'HOME', 'TMPDIR', 'TZ', 'NODE_ENV', 'VENDOR_BASE_URL'].includes(name))).toBe(true);
    delete process.env['SANDBOX_TEST_SECRET'];
  });

  it("patching a builtin inside changes nothing in the grader's realm", async () => {
    const { lab } = await start();
    lab.patchPromiseRace();
    await expect(Promise.race([Promise.resolve('real')])).resolves.toBe('real');
  });

  it('refuses calls to anything a handle was not sent with', async () => {
    const { lab } = await start();
    const counter = lab.counter(0) as unknown as Record<string, unknown>;
    expect(counter['constructor']).toBe(Object);
    expect(lab.callNow(Object.assign(() => 1, { constructor: 'x' }))).toBe(2);
  });
});

describe('every run ends', () => {
  it('stops an endless synchronous loop at the deadline', async () => {
    const { sandbox, lab } = await start();
    sandbox.setDeadline(Date.now() + 300, 'too slow');
    expect(() => lab.spin()).toThrow(PeerStopped);
    sandbox.stop('too slow');
    expect(sandbox.isStopped).toBe(true);
  });

  it('turns process.exit into a stop with a reason', async () => {
    const { sandbox, lab } = await start();
    expect(() => lab.exit()).toThrow(/process\.exit\(3\)/);
    expect(sandbox.stoppedBecause).toMatch(/process\.exit\(3\)/);
  });

  it('turns an exception thrown in a timer into a stop with a reason', async () => {
    const { sandbox, lab } = await start();
    lab.throwLater();
    await expect.poll(() => sandbox.stoppedBecause, { timeout: 5_000 }).toMatch(/thrown in a timer/);
  });

  // The deadline only keeps the test from hanging: filling 128 MB on a machine busy with other suites can take long.
  it('stops code that runs out of memory, naming the limit', { timeout: 90_000 }, async () => {
    const { sandbox, lab } = await start(128);
    sandbox.setDeadline(Date.now() + 60_000, 'too slow');
    expect(() => lab.eatMemory()).toThrow(PeerStopped);
    await expect(sandbox.settledStopReason('too slow')).resolves.toMatch(/out of memory \(limit 128 MB\)/);
  });

  it('says why loading failed when the module throws at import', async () => {
    await expect(Sandbox.start(join(REPO_ROOT, 'test/fixtures/hostile/04-secure-auth/exits-at-import.ts'), { env: guestEnv(), memoryMb: 512, deadlineAt: Date.now() + 30_000 })).rejects.toThrow(/process\.exit\(0\)/);
  });
});
