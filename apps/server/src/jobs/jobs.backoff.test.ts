import { describe, expect, it } from 'vitest';
import { periodStart, retryDelayMs } from './jobs.backoff.ts';

describe('retry backoff', () => {
  it.each([
    [1, 5000],
    [2, 10000],
    [3, 20000],
    [4, 40000],
    [10, 60000],
    [1000, 60000],
  ])('after attempt %i waits %i ms', (attempt, expected) => {
    expect(retryDelayMs(attempt, { baseMs: 5000, maxMs: 60000 })).toBe(expected);
  });

  it('refuses attempts that did not happen', () => {
    expect(() => retryDelayMs(0, { baseMs: 1, maxMs: 2 })).toThrow(/positive integer/);
  });
});

describe('period start', () => {
  it.each([
    ['2026-11-25T10:17:42.123Z', 3_600_000, '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T10:00:00.000Z', 3_600_000, '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T23:59:59.999Z', 86_400_000, '2026-11-25T00:00:00.000Z'],
    ['2026-11-25T10:17:42.123Z', 300_000, '2026-11-25T10:15:00.000Z'],
  ])('of %s every %i ms is %s', (now, every, expected) => {
    expect(periodStart(new Date(now), every).toISOString()).toBe(expected);
  });

  it('refuses periods too short to be scheduled', () => {
    expect(() => periodStart(new Date(0), 10)).toThrow(/at least 1000/);
  });
});
