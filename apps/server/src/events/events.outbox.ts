/**
 * Publishing and delivering events. `publish` writes to the outbox with the caller's transaction;
 * `dispatchPending` (run by every worker on each poll) turns each event into one delivery job per
 * subscriber and marks it dispatched, in one transaction; the `events.deliver` job runs the
 * subscriber inside `context.complete`, so its effect and the delivery's completion commit together.
 */
import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { fromDbInstant, fromDbJson, toDbJson } from '../db/values.ts';
import type { JobQueue } from '../jobs/jobs.queue.ts';
import { declareJob, handle, PermanentJobError, type JobRegistration } from '../jobs/jobs.types.ts';
import type { Clock } from '../shared/clock/clock.ts';
import { newId } from '../shared/ids/ids.ts';
import type { EventsRepository } from './events.repository.ts';
import type { EventType, Subscriber } from './events.types.ts';

export const deliverEventJob = declareJob(
  'events.deliver',
  Type.Object({ event_id: Type.String({ format: 'uuid' }), subscriber: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
);

export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
}

export function createEventBus(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: EventsRepository;
  queue: JobQueue;
  clock: Clock;
  events: readonly EventType[];
  subscribers: readonly Subscriber[];
  batchSize?: number;
}) {
  const declared = new Map(deps.events.map((event) => [event.type, event]));
  const subscribersByName = new Map<string, Subscriber>();
  for (const subscriber of deps.subscribers) {
    if (subscribersByName.has(subscriber.name)) throw new Error(`two event subscribers are named ${subscriber.name}`);
    if (!declared.has(subscriber.event.type)) throw new Error(`subscriber ${subscriber.name} listens to undeclared event ${subscriber.event.type}`);
    subscribersByName.set(subscriber.name, subscriber);
  }

  /** Writes the event to the outbox; pass the transaction of the change that raises it. */
  async function publish<S extends TSchema>(executor: Kysely<Database>, event: EventType<S>, payload: Static<S>, options: { userId?: string | null } = {}) {
    if (!declared.has(event.type)) throw new InvalidEventError(`event ${event.type} is not declared`);
    if (!Value.Check(event.payload, payload)) {
      const problems = Value.Errors(event.payload, payload).map((error) => `${error.instancePath || '/'} ${error.message}`);
      throw new InvalidEventError(`payload of event ${event.type} is invalid: ${problems.join('; ')}`);
    }
    const id = newId();
    await deps.repository.insert(executor, { id, type: event.type, payload: toDbJson(payload), userId: options.userId ?? null, now: deps.clock.now() });
    return id;
  }

  /** Moves undispatched events into delivery jobs. Returns how many events it handled. */
  async function dispatchPending(): Promise<number> {
    return inTransaction(deps.handle, async (trx) => {
      const events = await deps.repository.takeUndispatched(trx, deps.batchSize ?? 100);
      for (const event of events) {
        for (const subscriber of deps.subscribers) {
          if (subscriber.event.type !== event.type) continue;
          await deps.queue.enqueue(
            deliverEventJob,
            { event_id: event.id, subscriber: subscriber.name },
            { idempotencyKey: `event:${event.id}:${subscriber.name}`, userId: event.user_id, executor: trx },
          );
        }
      }
      await deps.repository.markDispatched(trx, events.map((event) => event.id), deps.clock.now());
      return events.length;
    });
  }

  const deliveryHandler: JobRegistration = handle(deliverEventJob, async (payload, context) => {
    const subscriber = subscribersByName.get(payload.subscriber);
    if (!subscriber) throw new PermanentJobError(`no subscriber named ${payload.subscriber}`);
    await context.complete(async (trx) => {
      const row = await deps.repository.findById(trx, payload.event_id);
      if (!row) throw new PermanentJobError(`event ${payload.event_id} no longer exists`);
      const eventPayload: unknown = fromDbJson(row.payload);
      if (!Value.Check(subscriber.event.payload, eventPayload)) {
        throw new PermanentJobError(`stored payload of event ${row.id} no longer matches ${row.type}`);
      }
      await subscriber.handle(
        { id: row.id, type: row.type, payload: eventPayload, userId: row.user_id, createdAt: fromDbInstant(row.created_at) },
        { trx, clock: context.clock, logger: context.logger, attempt: context.job.attempt },
      );
    });
  });

  return { publish, dispatchPending, deliveryHandler };
}

export type EventBus = ReturnType<typeof createEventBus>;
