import type { Response } from 'express';
import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

const SlowDripOptions = z
  .object({
    bytesPerChunk: z.number().int().min(1).max(1_048_576).default(16),
    intervalMs: z.number().int().min(1).max(60_000).default(200),
    /** Once this much wall time has passed, the rest goes out at once: a drip never holds a socket for ever. */
    maxDurationMs: z.number().int().min(0).max(300_000).default(30_000),
  })
  .strict();

type SlowDripOptions = z.output<typeof SlowDripOptions>;

/**
 * The real answer, a few bytes at a time: headers (with the full Content-Length) arrive at once,
 * the body trickles. A client with only a connect or first-byte timeout waits a long time.
 */
export const slowDrip = defineRequestFault({
  name: 'slow-drip',
  description: 'Sends the real body bytesPerChunk bytes every intervalMs (all of the rest once maxDurationMs has passed); stops if the client goes away.',
  options: SlowDripOptions,
  apply({ options }) {
    return { kind: 'rewrite-body', rewrite: { write: (res, status, json) => drip(res, status, Buffer.from(json, 'utf8'), options) } };
  },
});

function drip(res: Response, status: number, bytes: Buffer, options: SlowDripOptions): void {
  res.status(status).type('application/json');
  res.setHeader('Content-Length', String(bytes.length));
  const startedAt = performance.now();
  let offset = 0;
  const tick = () => {
    if (res.destroyed) return stop();
    const overdue = performance.now() - startedAt >= options.maxDurationMs;
    const end = overdue ? bytes.length : Math.min(bytes.length, offset + options.bytesPerChunk);
    const chunk = bytes.subarray(offset, end);
    offset = end;
    if (offset < bytes.length) {
      res.write(chunk);
      return;
    }
    stop();
    res.end(chunk);
  };
  const timer = setInterval(tick, options.intervalMs);
  const stop = () => clearInterval(timer);
  res.once('close', stop);
  tick();
}
