import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import { createPrng } from '../prng.ts';
import { webhookOutOfOrder } from './webhook-out-of-order.ts';

const context = (options: unknown) => ({ clock: createClock({ frozenAt: 0 }), prng: createPrng(1), eventType: 'deal.updated', options: webhookOutOfOrder.options.parse(options) });

describe('webhook-out-of-order', () => {
  it('holds the delivery back 5 s of vendor time by default', () => {
    expect(webhookOutOfOrder.plan(context({}))).toEqual({ holdMs: 5_000 });
  });

  it('converts holdSeconds to holdMs and sends no extra copy', () => {
    const plan = webhookOutOfOrder.plan(context({ holdSeconds: 1.5 }));
    expect(plan.holdMs).toBe(1_500);
    expect(plan.extraCopies).toBeUndefined();
  });

  it('refuses a negative hold and option names without units', () => {
    expect(webhookOutOfOrder.options.safeParse({ holdSeconds: -1 }).success).toBe(false);
    expect(webhookOutOfOrder.options.safeParse({ hold: 5 }).success).toBe(false);
  });
});
