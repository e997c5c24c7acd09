/** Housekeeping that keeps the queue tables small: hourly, once per hour across all workers. */
import Type from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { declareJob, handle, type JobRegistration, type PeriodicJob } from '../../jobs/jobs.types.ts';
import { createMaintenanceRepository } from './maintenance.repository.ts';

const HOUR_MS = 3_600_000;
export const QUEUE_HISTORY_DAYS = 7;

export const purgeQueueHistoryJob = declareJob('maintenance.purge_queue_history', Type.Object({ period_start: Type.String({ format: 'date-time' }) }));

export const maintenancePeriodicJobs: readonly PeriodicJob[] = [{ type: purgeQueueHistoryJob, everyMs: HOUR_MS }];

export function maintenanceJobHandlers({ db }: { db: Kysely<Database> }): JobRegistration[] {
  const repository = createMaintenanceRepository({ db });
  return [
    handle(purgeQueueHistoryJob, async (payload, context) => {
      const before = new Date(new Date(payload.period_start).getTime() - QUEUE_HISTORY_DAYS * 24 * HOUR_MS);
      const purged = await context.complete((trx) => repository.purgeQueueHistory(trx, before));
      context.logger.info(purged, 'purged queue history');
    }),
  ];
}
