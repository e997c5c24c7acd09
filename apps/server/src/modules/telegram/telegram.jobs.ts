/** What the bot received is handled as a durable job: one per message or button press, never twice (keyed by its Telegram id). */
import type { Executor } from '../../db/transaction.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import { declareJob, handle, type JobRegistration } from '../../jobs/jobs.types.ts';
import { eventKey } from './telegram.models.ts';
import { TelegramEvent } from './telegram.schemas.ts';

export const telegramEventJob = declareJob('telegram.handle_update', TelegramEvent, { maxAttempts: 5 });

/** Queues a job per event, in the caller's transaction when given one. */
export async function enqueueTelegramEvents(queue: JobQueue, executor: Executor | undefined, events: readonly TelegramEvent[]) {
  for (const event of events) {
    await queue.enqueue(telegramEventJob, event, { idempotencyKey: eventKey(event), ...(executor ? { executor } : {}) });
  }
}

export function telegramJobHandlers(deps: { handleEvent: (event: TelegramEvent) => Promise<void> }): JobRegistration[] {
  return [handle(telegramEventJob, async (payload) => deps.handleEvent(payload))];
}
