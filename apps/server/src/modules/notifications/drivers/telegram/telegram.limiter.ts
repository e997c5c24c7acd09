/**
 * Telegram's broadcast limits, kept in this process: at most one message per second to a chat and
 * 30 per second in all (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 * A send reserves the next free slot of its chat and of the whole bot (spaced 1000/30 ms apart) and
 * waits for it, as long as that fits into the time the attempt has; otherwise it is refused at once
 * with the wait, which the driver reports as `rate_limited` so the delivery is retried then.
 * A 429 from Telegram blocks the chat for the time Telegram asked for.
 *
 * Each process has its own limiter: with several worker processes the bot may send up to
 * 30 per second from each. Telegram then answers 429 with retry_after, which is honoured the same
 * way (the delivery is retried after it), so the limit is kept, only less smoothly.
 */

export class LimiterBusyError extends Error {
  override name = 'LimiterBusyError';
  constructor(readonly waitMs: number) {
    super(`the next free slot is ${Math.ceil(waitMs)} ms away`);
  }
}

export interface TelegramLimiter {
  /** Waits for the chat's next slot; throws LimiterBusyError when that is more than `budgetMs` away, or the signal's reason when aborted. */
  acquire(chatId: number, options: { signal: AbortSignal; budgetMs: number }): Promise<void>;
  /** Telegram asked to wait (429 retry_after): nothing goes to this chat before then. */
  block(chatId: number, ms: number): void;
}

const PRUNE_ABOVE = 10_000;

export function createTelegramLimiter(options: { perChatIntervalMs?: number; perSecond?: number; now?: () => number } = {}): TelegramLimiter {
  const perChat = options.perChatIntervalMs ?? 1_000;
  const spacing = 1_000 / (options.perSecond ?? 30);
  // A monotonic clock for intervals; the wall clock (Clock) is for instants.
  const now = options.now ?? (() => performance.now());
  const chatNext = new Map<number, number>();
  let globalNext = 0;

  function prune(at: number) {
    if (chatNext.size <= PRUNE_ABOVE) return;
    for (const [chat, next] of chatNext) if (next <= at) chatNext.delete(chat);
  }

  return {
    async acquire(chatId, { signal, budgetMs }) {
      if (signal.aborted) throw signal.reason;
      const current = now();
      const at = Math.max(current, chatNext.get(chatId) ?? 0, globalNext);
      const wait = at - current;
      if (wait > budgetMs) throw new LimiterBusyError(wait);
      prune(current);
      chatNext.set(chatId, at + perChat);
      globalNext = at + spacing;
      if (wait > 0) await sleep(wait, signal);
    },
    block(chatId, ms) {
      const until = now() + ms;
      chatNext.set(chatId, Math.max(chatNext.get(chatId) ?? 0, until));
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
