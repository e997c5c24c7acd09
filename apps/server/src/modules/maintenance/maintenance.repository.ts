import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';

export function createMaintenanceRepository({ db }: { db: Kysely<Database> }) {
  /** Deletes finished bookkeeping older than `before`: succeeded jobs and dispatched events. Dead jobs stay visible. */
  async function purgeQueueHistory(executor: Kysely<Database>, before: Date) {
    const cutoff = toDbInstant(before);
    const jobs = await executor.deleteFrom('jobs').where('status', '=', 'succeeded').where('finished_at', '<', cutoff).executeTakeFirst();
    const events = await executor.deleteFrom('outbox_events').where('dispatched_at', '<', cutoff).executeTakeFirst();
    return { jobs: Number(jobs.numDeletedRows), events: Number(events.numDeletedRows) };
  }
  return { db, purgeQueueHistory };
}
