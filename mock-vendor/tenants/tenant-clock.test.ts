import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.ts';
import { TenantClock } from './tenant-clock.ts';

describe('TenantClock', () => {
  it("reads the vendor clock plus the tenant's own offset", () => {
    const vendor = createClock({ frozenAt: 1_000 });
    const clock = new TenantClock(vendor);
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    clock.advance(250);
    expect(clock.now()).toBe(1_750);
    expect(clock.tenantOffsetMs()).toBe(750);
    expect(vendor.now()).toBe(1_000);
    // A frozen clock's offset from the wall clock grows as real time passes: compare reads made together, within a few ms.
    expect(Math.abs(clock.offsetMs() - vendor.offsetMs() - 750)).toBeLessThan(20);
    const described = clock.describe();
    expect(described).toMatchObject({ nowMs: 1_750, offsetMs: 750 });
    expect(Math.abs(described.vendorOffsetMs - vendor.offsetMs())).toBeLessThan(20);
  });

  it('moves with every vendor-wide advance; a tenant advance moves that tenant alone', () => {
    const vendor = createClock({ frozenAt: 0 });
    const a = new TenantClock(vendor);
    const b = new TenantClock(vendor);
    vendor.advance(60_000);
    expect([a.now(), b.now()]).toEqual([60_000, 60_000]);
    a.advance(3_600_000);
    expect([a.now(), b.now(), vendor.now()]).toEqual([3_660_000, 60_000, 60_000]);
    vendor.advance(1_000);
    expect([a.now(), b.now()]).toEqual([3_661_000, 61_000]);
  });

  it("tells its listeners of its own advances and the vendor's, not of another tenant's", () => {
    const vendor = createClock({ frozenAt: 0 });
    const a = new TenantClock(vendor);
    const b = new TenantClock(vendor);
    const heardByA: number[] = [];
    const stop = a.onAdvance((ms) => heardByA.push(ms));
    a.advance(5);
    b.advance(7);
    vendor.advance(11);
    expect(heardByA).toEqual([5, 11]);
    stop();
    a.advance(13);
    vendor.advance(17);
    expect(heardByA).toEqual([5, 11]);
  });

  it('refuses to go backwards, like the vendor clock', () => {
    const clock = new TenantClock(createClock({ frozenAt: 0 }));
    expect(() => clock.advance(-1)).toThrow(/non-negative/);
    expect(() => clock.advance(Number.NaN)).toThrow(/non-negative/);
    expect(clock.now()).toBe(0);
  });
});
