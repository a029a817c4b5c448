import { z } from 'zod';
import { defineWebhookFault } from './fault.ts';

/** The delivery is held back, so events raised after it arrive first: receivers must order by time or version. */
export const webhookOutOfOrder = defineWebhookFault({
  name: 'webhook-out-of-order',
  description: 'Holds the delivery back holdSeconds (on the tenant clock), so later events overtake it.',
  options: z
    .object({ holdSeconds: z.number().min(0).max(3_600).default(5) })
    .strict(),
  plan({ options }) {
    return { holdMs: Math.round(options.holdSeconds * 1000) };
  },
});
