/**
 * Composition root: builds every long-lived dependency once, from the parsed config.
 * Nothing else opens databases or reads configuration.
 */
import type { Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { createJobSystem, type JobSystem } from '../jobs/job-system.ts';
import { maintenanceJobHandlers, maintenancePeriodicJobs } from '../modules/maintenance/maintenance.jobs.ts';
import { createOperationsUsecases } from '../modules/operations/operations.usecases.ts';
import { createSystemUsecases } from '../modules/system/system.usecases.ts';
import { createUsersRepository } from '../modules/users/users.repository.ts';
import { createUsersUsecases } from '../modules/users/users.usecases.ts';
import type { Clock } from '../shared/clock/clock.ts';
import type { Logger } from '../shared/logging/logger.ts';

export interface Container {
  config: Config;
  clock: Clock;
  logger: Logger;
  handle: DatabaseHandle;
  jobs: JobSystem;
  usecases: {
    system: ReturnType<typeof createSystemUsecases>;
    operations: ReturnType<typeof createOperationsUsecases>;
    users: ReturnType<typeof createUsersUsecases>;
  };
  close(): Promise<void>;
}

export function createContainer(input: { config: Config; clock: Clock; logger: Logger; handle?: DatabaseHandle }): Container {
  const { config, clock, logger } = input;
  const handle = input.handle ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  const jobs = createJobSystem({
    handle,
    clock,
    logger,
    settings: config,
    // Every module's job declarations, handlers, periodic jobs, events and subscribers are listed here.
    jobs: [],
    registrations: [...maintenanceJobHandlers({ db: handle.db })],
    periodic: maintenancePeriodicJobs,
    events: [],
    subscribers: [],
  });
  return {
    config,
    clock,
    logger,
    handle,
    jobs,
    usecases: {
      system: createSystemUsecases({ handle }),
      operations: createOperationsUsecases({ jobs: jobs.repository, clock }),
      users: createUsersUsecases({ users: createUsersRepository({ db: handle.db }), clock }),
    },
    close: () => handle.destroy(),
  };
}
