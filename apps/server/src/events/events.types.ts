/**
 * Domain events ("document.understood", "task.changed") are declared with a payload schema,
 * written to the outbox in the transaction of the change that raises them, and delivered to each
 * subscriber as its own job (idempotency key = event id + subscriber).
 */
import type { Kysely } from 'kysely';
import type { Static, TSchema } from 'typebox';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock/clock.ts';
import type { Logger } from '../shared/logging/logger.ts';

export interface EventType<S extends TSchema = TSchema> {
  type: string;
  payload: S;
}

export function declareEvent<S extends TSchema>(type: string, payload: S): EventType<S> {
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(type)) throw new Error(`event type "${type}" must look like "module.happened"`);
  return { type, payload };
}

export interface DeliveredEvent<P> {
  id: string;
  type: string;
  payload: P;
  userId: string | null;
  createdAt: Date;
}

export interface SubscriberContext {
  /** The delivery's transaction: the subscriber's writes commit together with the delivery, exactly once. */
  trx: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  attempt: number;
}

export interface Subscriber<S extends TSchema = TSchema> {
  /** Unique and stable: it is part of every delivery's idempotency key. */
  name: string;
  event: EventType<S>;
  handle(event: DeliveredEvent<Static<S>>, context: SubscriberContext): Promise<void>;
}

export function subscribe<S extends TSchema>(
  name: string,
  event: EventType<S>,
  handler: (event: DeliveredEvent<Static<S>>, context: SubscriberContext) => Promise<void>,
): Subscriber {
  return { name, event, handle: handler } as Subscriber;
}
