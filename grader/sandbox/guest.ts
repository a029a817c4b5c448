/**
 * The code under test's side of the boundary, in its own worker (its own realm): loads the module
 * under test and hands it to the grader as handle 1, forwards what it prints, and serves HTTP
 * handlers it returns (an Express app, a health handler) on loopback when a check asks.
 * Nothing of the grader's realm is reachable from here; only what the grader hands over.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { workerData, type MessagePort } from 'node:worker_threads';
import { crashed, describe, exited } from './messages.ts';
import { Peer } from './peer.ts';
import { shapeOf } from './wire.ts';

interface GuestData {
  port: MessagePort;
  toGuest: SharedArrayBuffer;
  toHost: SharedArrayBuffer;
}

const data = workerData as GuestData;
// The code under test arrives compiled (compile.ts) with inline source maps: stacks name its TypeScript.
process.setSourceMapsEnabled(true);
const peer = new Peer({ port: data.port, inbox: new Int32Array(data.toGuest), outbox: new Int32Array(data.toHost) });

for (const [name, where] of [['log', 'stdout'], ['info', 'stdout'], ['debug', 'stdout'], ['warn', 'stderr'], ['error', 'stderr'], ['trace', 'stderr']] as const) {
  console[name] = (...args: unknown[]) => peer.output(where, format(...args));
}
for (const where of ['stdout', 'stderr'] as const) {
  process[where].write = ((chunk: unknown) => {
    peer.output(where, typeof chunk === 'string' ? chunk.replace(/\n$/, '') : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
}

/** What the grader may ask of this side besides the module itself (handle 1). */
const control = {
  async load(entry: string): Promise<object> {
    return (await import(pathToFileURL(entry).href)) as object;
  },
  /** Serves `target` (a handler, or an object and the name of its handler method) on 127.0.0.1; resolves to the port. */
  serve(target: unknown, method?: string): Promise<{ port: number; close(): Promise<void> }> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      try {
        const result: unknown = method === undefined ? (target as (q: IncomingMessage, s: ServerResponse) => unknown)(req, res) : (target as Record<string, (q: IncomingMessage, s: ServerResponse) => unknown>)[method]!(req, res);
        Promise.resolve(result).catch((error: unknown) => fail(res, error));
      } catch (error) {
        fail(res, error);
      }
    };
    const server = createServer(handler);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve({
          port: typeof address === 'object' && address ? address.port : 0,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
    });
  },
};

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(500, { 'content-type': 'text/plain' }).end(`The handler threw: ${error instanceof Error ? error.message : String(error)}`);
}

// The grader is often blocked waiting for a reply when the code fails; say why before the worker ends.
process.on('uncaughtException', (error) => {
  peer.fatal(crashed(describe(error)));
  process.exit(1);
});
process.on('exit', (code) => peer.fatal(exited(code)));
// Writes straight to the process's descriptors would land in the grader's own output.
const { writeSync } = fs;
fs.writeSync = ((fd: number, ...rest: unknown[]) => {
  if (fd === 1 || fd === 2) {
    peer.output(fd === 1 ? 'stdout' : 'stderr', String(rest[0]));
    return 0;
  }
  return (writeSync as (...a: unknown[]) => number)(fd, ...rest);
}) as typeof fs.writeSync;
syncBuiltinESMExports();

// Handle 1 is the control object: the grader's first call.
peer.export(control, shapeOf(control));
