import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';

describe('createClock', () => {
  it('follows the wall clock by default and moves ahead when advanced', () => {
    const clock = createClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    clock.advance(60_000);
    expect(clock.now() - Date.now()).toBeGreaterThanOrEqual(59_950);
    expect(clock.offsetMs()).toBe(60_000);
  });

  it('stands still when frozen until advanced, and tells listeners', () => {
    const clock = createClock({ frozenAt: 1_000 });
    const heard: number[] = [];
    clock.onAdvance((ms) => heard.push(ms));
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
    expect(heard).toEqual([500]);
  });

  it('refuses to go backwards', () => {
    expect(() => createClock().advance(-1)).toThrow(/non-negative/);
  });
});
