import { describe, expect, it } from 'vitest';
import { createTelegramLimiter, LimiterBusyError } from './telegram.limiter.ts';

/** A limiter on a clock that only moves when the test says so: slots and waits can be read without waiting. */
function limiterAt() {
  let now = 0;
  return { limiter: createTelegramLimiter({ now: () => now }), advance: (ms: number) => (now += ms) };
}

describe('telegram limiter', () => {
  it('spaces one chat one second apart and refuses a wait longer than the budget, with the wait', async () => {
    const { limiter } = limiterAt();
    const signal = new AbortController().signal;
    await limiter.acquire(1, { signal, budgetMs: 0 });
    const error = await limiter.acquire(1, { signal, budgetMs: 500 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LimiterBusyError);
    expect((error as LimiterBusyError).waitMs).toBe(1_000);
  });

  it('lets 30 chats through per second in all, then makes the next one wait', async () => {
    const { limiter } = limiterAt();
    const signal = new AbortController().signal;
    const waits: number[] = [];
    for (let chat = 1; chat <= 31; chat += 1) {
      const error = await limiter.acquire(chat, { signal, budgetMs: 0 }).then(() => undefined, (caught: unknown) => caught);
      waits.push(error instanceof LimiterBusyError ? error.waitMs : 0);
    }
    expect(waits[0]).toBe(0);
    // Nothing reserved after the first refused one: every later chat sees the same next global slot.
    expect(waits.slice(1).every((wait) => wait > 33 && wait < 34)).toBe(true);
  });

  it('waits for a free slot in real time and can be aborted while waiting', async () => {
    const limiter = createTelegramLimiter({ perChatIntervalMs: 300 });
    const signal = new AbortController().signal;
    await limiter.acquire(9, { signal, budgetMs: 1_000 });
    const started = performance.now();
    await limiter.acquire(9, { signal, budgetMs: 1_000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    const controller = new AbortController();
    const waiting = limiter.acquire(9, { signal: controller.signal, budgetMs: 1_000 });
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });

  it('holds a chat back after a 429 for the time asked', async () => {
    const { limiter, advance } = limiterAt();
    const signal = new AbortController().signal;
    limiter.block(4, 7_000);
    const error = await limiter.acquire(4, { signal, budgetMs: 1_000 }).catch((caught: unknown) => caught);
    expect((error as LimiterBusyError).waitMs).toBe(7_000);
    advance(7_000);
    await expect(limiter.acquire(4, { signal, budgetMs: 0 })).resolves.toBeUndefined();
  });
});
