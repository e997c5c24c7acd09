/** Hourly clean-up of ended sign-in state: expired sessions and login failures past their window. */
import Type from 'typebox';
import { declareJob, handle, type JobRegistration, type PeriodicJob } from '../../jobs/jobs.types.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import type { AuthRepository } from './auth.repository.ts';
import { LOGIN_WINDOW_MS } from './auth.throttle.ts';

export const purgeExpiredSessionsJob = declareJob('auth.purge_expired', Type.Object({ period_start: Type.String({ format: 'date-time' }) }));

export const authPeriodicJobs: readonly PeriodicJob[] = [{ type: purgeExpiredSessionsJob, everyMs: 3_600_000 }];

export function authJobHandlers({ auth, clock }: { auth: AuthRepository; clock: Clock }): JobRegistration[] {
  return [
    handle(purgeExpiredSessionsJob, async (_payload, context) => {
      const now = clock.now();
      const purged = await context.complete(async (trx) => ({
        sessions: await auth.purgeExpiredSessions(trx, now),
        login_failures: await auth.purgeFailures(trx, new Date(now.getTime() - LOGIN_WINDOW_MS)),
      }));
      context.logger.info(purged, 'purged expired sessions and old login failures');
    }),
  ];
}
