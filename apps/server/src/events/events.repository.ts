/** All SQL of the outbox. */
import type { Kysely, Selectable } from 'kysely';
import type { DialectName } from '../db/database.ts';
import type { Database, OutboxEventsTable } from '../db/schema.ts';
import { toDbInstant } from '../db/values.ts';

export type OutboxEventRow = Selectable<OutboxEventsTable>;

export function createEventsRepository({ dialect }: { dialect: DialectName }) {
  async function insert(executor: Kysely<Database>, event: { id: string; type: string; payload: string; userId: string | null; now: Date }) {
    await executor
      .insertInto('outbox_events')
      .values({ id: event.id, type: event.type, payload: event.payload, user_id: event.userId, created_at: toDbInstant(event.now) })
      .execute();
  }

  /** The oldest undispatched events, locked for this transaction on PostgreSQL so two workers never take the same. */
  async function takeUndispatched(trx: Kysely<Database>, limit: number): Promise<OutboxEventRow[]> {
    const query = trx.selectFrom('outbox_events').selectAll().where('dispatched_at', 'is', null).orderBy('created_at').orderBy('id').limit(limit);
    return dialect === 'postgres' ? query.forUpdate().skipLocked().execute() : query.execute();
  }

  async function markDispatched(trx: Kysely<Database>, ids: string[], now: Date) {
    if (ids.length === 0) return;
    await trx.updateTable('outbox_events').set({ dispatched_at: toDbInstant(now) }).where('id', 'in', ids).execute();
  }

  async function findById(executor: Kysely<Database>, id: string): Promise<OutboxEventRow | undefined> {
    return executor.selectFrom('outbox_events').selectAll().where('id', '=', id).executeTakeFirst();
  }


  return { insert, takeUndispatched, markDispatched, findById };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
