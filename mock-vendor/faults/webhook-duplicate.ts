import { z } from 'zod';
import { defineWebhookFault } from './fault.ts';

/** At-least-once delivery, made visible: the same event (same id, same signature) arrives again. */
export const webhookDuplicate = defineWebhookFault({
  name: 'webhook-duplicate',
  description: 'Delivers the same event extraCopies more times (same event id and body): receivers must de-duplicate.',
  options: z
    .object({ extraCopies: z.number().int().min(1).max(10).default(1) })
    .strict(),
  plan({ options }) {
    return { extraCopies: options.extraCopies };
  },
});
