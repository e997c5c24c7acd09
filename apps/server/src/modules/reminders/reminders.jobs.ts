/** Housekeeping of the reminder engine: used action-link tokens are forgotten once they expired (an expired link is refused by its signature check anyway). */
import Type from 'typebox';
import { toDbInstant } from '../../db/values.ts';
import { declareJob, handle, type JobRegistration, type PeriodicJob } from '../../jobs/jobs.types.ts';

const DAY_MS = 86_400_000;

export const purgeActionTokensJob = declareJob('reminders.purge_action_tokens', Type.Object({ period_start: Type.String({ format: 'date-time' }) }));

export const remindersPeriodicJobs: readonly PeriodicJob[] = [{ type: purgeActionTokensJob, everyMs: DAY_MS }];

export function remindersJobHandlers(): JobRegistration[] {
  return [
    handle(purgeActionTokensJob, async (payload, context) => {
      const result = await context.complete((trx) => trx.deleteFrom('used_action_tokens').where('expires_at', '<', toDbInstant(new Date(payload.period_start))).executeTakeFirst());
      context.logger.info({ purged: Number(result.numDeletedRows) }, 'purged expired action-link tokens');
    }),
  ];
}
