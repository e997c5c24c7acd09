/** The one source of "now". Domain code receives a Clock; it never calls `new Date()` itself. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and for replaying schedules. */
export interface ManualClock extends Clock {
  set(instant: Date | string): void;
  advance(ms: number): void;
}

export function createManualClock(start: Date | string = '2026-01-01T00:00:00.000Z'): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/**
 * A clock that starts at `start` and then runs in real time (for end-to-end tests that need a
 * fixed "today" but working timeouts). `realNow` is the underlying clock.
 */
export function createShiftedClock(start: Date | string, realNow: () => number = () => Date.now()): Clock {
  const offset = new Date(start).getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** The clock of a running process: the real one, or the shifted one of WORKMATE_TEST_NOW. */
export function processClock(testNow: string | undefined): Clock {
  return testNow === undefined ? systemClock : createShiftedClock(testNow);
}
