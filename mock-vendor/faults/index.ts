import { endpointMoved } from './endpoint-moved.ts';
import type { Fault } from './fault.ts';
import { hang } from './hang.ts';
import { latency } from './latency.ts';
import { malformed } from './malformed.ts';
import { rateBurst } from './rate-burst.ts';
import { requireHeader } from './require-header.ts';
import { reset } from './reset.ts';
import { schemaDrift } from './schema-drift.ts';
import { slowDrip } from './slow-drip.ts';
import { status } from './status.ts';
import { stuckCursor } from './stuck-cursor.ts';
import { tokenExpiry } from './token-expiry.ts';
import { tokenRevocation } from './token-revocation.ts';
import { truncate } from './truncate.ts';
import { webhookDuplicate } from './webhook-duplicate.ts';
import { webhookOutOfOrder } from './webhook-out-of-order.ts';

/** Every fault the engine knows, by name. Adding a fault means one file and one line here. */
export const faults: ReadonlyMap<string, Fault> = new Map<string, Fault>(
  [
    status,
    latency,
    hang,
    reset,
    truncate,
    malformed,
    slowDrip,
    rateBurst,
    tokenExpiry,
    tokenRevocation,
    schemaDrift,
    requireHeader,
    endpointMoved,
    webhookDuplicate,
    webhookOutOfOrder,
    stuckCursor,
  ].map((fault) => [fault.name, fault]),
);
