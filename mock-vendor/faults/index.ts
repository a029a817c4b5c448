import type { Fault } from './fault.ts';
import { hang } from './hang.ts';
import { latency } from './latency.ts';
import { reset } from './reset.ts';
import { status } from './status.ts';

/** Every fault the engine knows, by name. Adding a fault means one file and one line here. */
export const faults: ReadonlyMap<string, Fault> = new Map<string, Fault>(
  [status, latency, hang, reset].map((fault) => [fault.name, fault]),
);
