import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import { compileRules } from '../engine/compile-rules.ts';
import { RuleRunner } from '../engine/rule-runner.ts';
import { createPrng } from '../prng.ts';
import { faults } from './index.ts';
import { webhookDuplicate } from './webhook-duplicate.ts';

const context = (options: unknown) => ({ clock: createClock({ frozenAt: 0 }), prng: createPrng(1), eventType: 'contact.updated', options: webhookDuplicate.options.parse(options) });

describe('webhook-duplicate', () => {
  it('plans one extra identical delivery by default', () => {
    expect(webhookDuplicate.plan(context({}))).toEqual({ extraCopies: 1 });
  });

  it('plans extraCopies extra deliveries and holds none back', () => {
    const plan = webhookDuplicate.plan(context({ extraCopies: 3 }));
    expect(plan.extraCopies).toBe(3);
    expect(plan.holdMs).toBeUndefined();
  });

  it('refuses a plan that would send no copy or flood the receiver', () => {
    expect(webhookDuplicate.options.safeParse({ extraCopies: 0 }).success).toBe(false);
    expect(webhookDuplicate.options.safeParse({ extraCopies: 11 }).success).toBe(false);
    expect(webhookDuplicate.options.safeParse({ copies: 2 }).success).toBe(false);
  });

  it('is chosen for webhook deliveries of the matching event only, never for requests', () => {
    const clock = createClock({ frozenAt: 0 });
    const rules = compileRules([{ match: { event: 'contact.updated' }, fault: 'webhook-duplicate', options: { extraCopies: 2 } }], faults);
    const runner = new RuleRunner(rules, createPrng(1), clock);
    expect(runner.decide({ channel: 'request', method: 'GET', path: '/v1/contacts' })).toBeUndefined();
    expect(runner.decide({ channel: 'webhook', event: 'contact.created' })).toBeUndefined();
    expect(runner.decide({ channel: 'webhook', event: 'contact.updated' })).toMatchObject({ fault: webhookDuplicate, options: { extraCopies: 2 } });
  });
});
