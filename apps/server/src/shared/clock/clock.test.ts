import { describe, expect, it } from 'vitest';
import { createShiftedClock, processClock, systemClock } from './clock.ts';

describe('shifted clock', () => {
  it('starts at the given instant and then runs with the real clock', () => {
    let real = Date.parse('2030-01-01T00:00:00Z');
    const clock = createShiftedClock('2026-11-25T09:00:00Z', () => real);
    expect(clock.now().toISOString()).toBe('2026-11-25T09:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2026-11-25T09:01:30.000Z');
  });

  it('is only used when a test instant is configured', () => {
    expect(processClock(undefined)).toBe(systemClock);
    expect(Math.abs(processClock('2026-11-25T09:00:00Z').now().getTime() - Date.parse('2026-11-25T09:00:00Z'))).toBeLessThan(5_000);
  });
});
