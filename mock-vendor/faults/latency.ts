import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineRequestFault } from './fault.ts';

/** The request is served correctly, just late. */
export const latency = defineRequestFault({
  name: 'latency',
  description: 'Delays the request by latencyMs (plus up to jitterMs, from the seeded PRNG), then serves it normally.',
  options: z
    .object({
      latencyMs: z.number().int().min(0).max(60_000).default(500),
      jitterMs: z.number().int().min(0).max(60_000).default(0),
    })
    .strict(),
  async apply({ options, prng }) {
    await sleep(options.latencyMs + (options.jitterMs > 0 ? prng.int(0, options.jitterMs) : 0));
    return { kind: 'continue' };
  },
});
