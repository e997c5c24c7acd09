/** Delay before attempt `attempt + 1` after `attempt` failed: base, 2x base, 4x base, ... capped. */
export function retryDelayMs(attempt: number, policy: { baseMs: number; maxMs: number }): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  const exponent = Math.min(attempt - 1, 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
}

/** The start of the period that contains `now`, periods counted from the Unix epoch. */
export function periodStart(now: Date, everyMs: number): Date {
  if (!Number.isInteger(everyMs) || everyMs < 1000) throw new RangeError(`a period must be at least 1000 ms, got ${everyMs}`);
  return new Date(Math.floor(now.getTime() / everyMs) * everyMs);
}
