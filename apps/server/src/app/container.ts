/**
 * Composition root: builds every long-lived dependency once, from the parsed config.
 * Nothing else opens databases, reads configuration or loads keys.
 */
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { createJobSystem } from '../jobs/job-system.ts';
import { createApiKeysRepository } from '../modules/api-keys/api-keys.repository.ts';
import { createApiKeysUsecases } from '../modules/api-keys/api-keys.usecases.ts';
import { createAuthRepository } from '../modules/auth/auth.repository.ts';
import { suspiciousLoginEvent } from '../modules/auth/auth.schemas.ts';
import { createAuthUsecases } from '../modules/auth/auth.usecases.ts';
import { authJobHandlers, authPeriodicJobs } from '../modules/auth/auth.jobs.ts';
import { createLoginThrottle } from '../modules/auth/auth.throttle.ts';
import { createDataExportRepository } from '../modules/data-export/data-export.repository.ts';
import { createDataExportUsecases } from '../modules/data-export/data-export.usecases.ts';
import { createInvitesRepository } from '../modules/invites/invites.repository.ts';
import { createInvitesUsecases } from '../modules/invites/invites.usecases.ts';
import { maintenanceJobHandlers, maintenancePeriodicJobs } from '../modules/maintenance/maintenance.jobs.ts';
import { createOperationsUsecases } from '../modules/operations/operations.usecases.ts';
import { createSecretsUsecases } from '../modules/secrets/secrets.usecases.ts';
import { createLocalStorageDriver } from '../modules/storage/drivers/local/local.driver.ts';
import { userFiles, type StorageDriver } from '../modules/storage/storage.types.ts';
import { createSystemUsecases } from '../modules/system/system.usecases.ts';
import { createTwoFactorRepository } from '../modules/two-factor/two-factor.repository.ts';
import { createTwoFactorUsecases } from '../modules/two-factor/two-factor.usecases.ts';
import { createUsersRepository } from '../modules/users/users.repository.ts';
import { timezoneChangedEvent } from '../modules/users/users.schemas.ts';
import { createUsersUsecases } from '../modules/users/users.usecases.ts';
import { createDocumentsRepository } from '../modules/documents/documents.repository.ts';
import { documentsJobHandlers, documentsJobs, documentsPeriodicJobs } from '../modules/documents/documents.jobs.ts';
import { createDocumentsUsecases } from '../modules/documents/documents.usecases.ts';
import { threadUnderstander } from '../modules/extraction/understand.thread.ts';
import { createTagsRepository } from '../modules/tags/tags.repository.ts';
import { createTagsUsecases } from '../modules/tags/tags.usecases.ts';
import { createTasksRepository } from '../modules/tasks/tasks.repository.ts';
import { createTasksUsecases } from '../modules/tasks/tasks.usecases.ts';
import { tasksSubscribers } from '../modules/tasks/tasks.subscribers.ts';
import { createSearchRepository } from '../modules/search/search.repository.ts';
import { createSearchUsecases } from '../modules/search/search.usecases.ts';
import { documentUnderstoodEvent } from '../modules/documents/documents.schemas.ts';
import type { Clock } from '../shared/clock/clock.ts';
import { loadKeyring, type KeySource } from '../shared/crypto/keyring-loader.ts';
import { createSecretBox, type Keyring } from '../shared/crypto/secret-box.ts';
import { openGeoIp } from '../shared/geoip/geoip.ts';
import type { Logger } from '../shared/logging/logger.ts';

export function createContainer(input: { config: Config; clock: Clock; logger: Logger; handle?: DatabaseHandle; keyring?: Keyring; storage?: StorageDriver }) {
  const { config, clock, logger } = input;
  const handle = input.handle ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  const keys: { keyring: Keyring; source: KeySource } = input.keyring
    ? { keyring: input.keyring, source: { kind: 'config' } }
    : loadKeyring({
        masterKey: config.masterKey,
        previousMasterKeys: config.previousMasterKeys,
        dialect: handle.dialect,
        dataDir: config.dataDir,
        onGenerated: (path) => logger.warn({ path }, 'generated a master key for secrets at rest; back it up with the database, or the secrets in it are lost'),
      });
  const secrets = createSecretBox(keys.keyring);
  const storage = input.storage ?? createLocalStorageDriver({ root: join(config.dataDir, 'files') });

  const users = createUsersRepository({ db: handle.db });
  const authRepository = createAuthRepository({ db: handle.db });
  const tasksRepository = createTasksRepository({ db: handle.db, dialect: handle.dialect });
  const documents = createDocumentsRepository({ db: handle.db, dialect: handle.dialect });
  const understander = threadUnderstander({ timeoutMs: config.extractionTimeoutSeconds * 1000, log: (message) => logger.info(message) });
  const jobs = createJobSystem({
    handle,
    clock,
    logger,
    settings: config,
    // Every module's job declarations, handlers, periodic jobs, events and subscribers are listed here.
    jobs: [...documentsJobs],
    registrations: ({ bus }) => [
      ...maintenanceJobHandlers({ db: handle.db }),
      ...authJobHandlers({ auth: authRepository, clock }),
      ...documentsJobHandlers({ handle, repository: documents, storage, users, bus, understander, settings: config }),
    ],
    periodic: [...maintenancePeriodicJobs, ...authPeriodicJobs, ...documentsPeriodicJobs],
    events: [suspiciousLoginEvent, timezoneChangedEvent, documentUnderstoodEvent],
    subscribers: tasksSubscribers({ tasks: tasksRepository, documents, users }),
  });

  const throttle = createLoginThrottle({ auth: authRepository, clock });
  const twoFactor = createTwoFactorUsecases({ handle, repository: createTwoFactorRepository({ db: handle.db }), users, secrets, throttle, clock, issuer: 'Workmate' });
  const accounts = createUsersUsecases({ handle, users, auth: authRepository, bus: jobs.bus, files: userFiles(storage), throttle, clock });
  const tagsRepository = createTagsRepository({ db: handle.db });
  const tags = createTagsUsecases({ handle, repository: tagsRepository, clock });
  const tasks = createTasksUsecases({ handle, tasks: tasksRepository, tags: tagsRepository, tagUsecases: tags, documents, users, clock });
  const usecases = {
    documents: createDocumentsUsecases({
      handle,
      repository: documents,
      storage,
      queue: jobs.queue,
      bus: jobs.bus,
      clock,
      nudgeWorker: jobs.nudge,
      tasksOfDocument: tasks.ofDocument,
      cancelTasksOfDocument: tasks.cancelOfDocument,
    }),
    search: createSearchUsecases({ repository: createSearchRepository({ db: handle.db, dialect: handle.dialect }) }),
    tags,
    tasks,
    system: createSystemUsecases({ handle }),
    operations: createOperationsUsecases({ jobs: jobs.repository, clock }),
    users: accounts,
    auth: createAuthUsecases({ handle, auth: authRepository, users, bus: jobs.bus, clock, secondFactor: twoFactor, geo: openGeoIp(config.geoipDatabase), throttle, settings: config }),
    twoFactor,
    apiKeys: createApiKeysUsecases({ repository: createApiKeysRepository({ db: handle.db }), clock }),
    invites: createInvitesUsecases({ handle, repository: createInvitesRepository({ db: handle.db }), users, accounts, clock, settings: config }),
    dataExport: createDataExportUsecases({ handle, repository: createDataExportRepository({ db: handle.db }), users, storage, secrets, clock, logger }),
    secrets: createSecretsUsecases({ handle, keys, clock }),
  };

  return {
    config, clock, logger, handle, jobs, storage, understander, secretBox: secrets, usecases,
    close: async () => {
      await understander.close();
      await handle.destroy();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
