/**
 * Composition root: builds every long-lived dependency once, from the parsed config.
 * Nothing else opens databases, reads configuration or loads keys.
 */
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { fromDbJson } from '../db/values.ts';
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
import { createLlmRefiner } from '../modules/extraction/llm/llm.usecases.ts';
import { createLearningRepository } from '../modules/learning/learning.repository.ts';
import { createLearningUsecases } from '../modules/learning/learning.usecases.ts';
import { threadUnderstander } from '../modules/extraction/understand.thread.ts';
import { createTagsRepository } from '../modules/tags/tags.repository.ts';
import { createTagsUsecases } from '../modules/tags/tags.usecases.ts';
import { createTasksRepository } from '../modules/tasks/tasks.repository.ts';
import { createTasksUsecases } from '../modules/tasks/tasks.usecases.ts';
import { tasksSubscribers } from '../modules/tasks/tasks.subscribers.ts';
import { createSearchRepository } from '../modules/search/search.repository.ts';
import { createSearchUsecases } from '../modules/search/search.usecases.ts';
import { documentFailedEvent, documentUnderstoodEvent, dunningLinkedEvent } from '../modules/documents/documents.schemas.ts';
import { createIntegrationsRepository } from '../modules/integrations/integrations.repository.ts';
import { createIntegrationsUsecases } from '../modules/integrations/integrations.usecases.ts';
import { notificationsSubscribers } from '../modules/notifications/notifications.subscribers.ts';
import { createChannelRegistry, lazyDriver, type ChannelKind } from '../modules/notifications/notifications.drivers.ts';
import { createNotificationsRepository } from '../modules/notifications/notifications.repository.ts';
import { createNotificationsUsecases } from '../modules/notifications/notifications.usecases.ts';
import { createDeliveryJobs, deliverBatchJob, deliverNotificationJob } from '../modules/notifications/notifications.jobs.ts';
import { createVapidKeyStore } from '../modules/notifications/notifications.vapid.ts';
import { createLiveFeed } from '../modules/notifications/notifications.live.ts';
import { createEmailDriver } from '../modules/notifications/drivers/email/email.driver.ts';
import { smtpSettingsFromUrl } from '../modules/notifications/drivers/email/email.config.ts';
import { createMqttDriver } from '../modules/notifications/drivers/mqtt/mqtt.driver.ts';
import { createWebhookDriver } from '../modules/notifications/drivers/webhook/webhook.driver.ts';
import { createInAppDriver } from '../modules/notifications/drivers/in-app/in-app.driver.ts';
import { createDiscordDriver } from '../modules/notifications/drivers/discord/discord.driver.ts';
import { createHomeAssistantDriver } from '../modules/notifications/drivers/homeassistant/homeassistant.driver.ts';
import { createNtfyDriver } from '../modules/notifications/drivers/ntfy/ntfy.driver.ts';
import { createSignalDriver } from '../modules/notifications/drivers/signal/signal.driver.ts';
import { createSmsDriver } from '../modules/notifications/drivers/sms/sms.driver.ts';
import { createWhatsAppDriver } from '../modules/notifications/drivers/whatsapp/whatsapp.driver.ts';
import { createPushDriver } from '../modules/notifications/drivers/push/push.driver.ts';
import { botIdOf, createTelegramBotApi } from '../modules/notifications/drivers/telegram/telegram.api.ts';
import { createTelegramDriver } from '../modules/notifications/drivers/telegram/telegram.driver.ts';
import { createTelegramLimiter } from '../modules/notifications/drivers/telegram/telegram.limiter.ts';
import { enqueueTelegramEvents, telegramEventJob, telegramJobHandlers } from '../modules/telegram/telegram.jobs.ts';
import { webhookSecret } from '../modules/telegram/telegram.models.ts';
import { createTelegramPoller } from '../modules/telegram/telegram.poller.ts';
import { createTelegramRepository } from '../modules/telegram/telegram.repository.ts';
import { createTelegramUsecases, TELEGRAM_INTEGRATION_TYPE } from '../modules/telegram/telegram.usecases.ts';
import { createWhatsAppWebhookUsecases, WHATSAPP_INTEGRATION_TYPE } from '../modules/whatsapp/whatsapp.usecases.ts';
import { PushCredentials, PushSubscriptionConfig } from '../modules/notifications/drivers/push/push.schemas.ts';
import { DEFAULT_FALLBACK_ORDER, withChannelSetUp } from '../modules/reminders/reminders.preferences.models.ts';
import { DAILY_CHANNEL_CAP, quietPeriodEnd } from '../modules/reminders/reminders.schedule.models.ts';
import { createReminderDispatcher } from '../modules/reminders/reminders.dispatch.ts';
import { remindersJobHandlers, remindersPeriodicJobs } from '../modules/reminders/reminders.jobs.ts';
import { createActionLinks } from '../modules/reminders/reminders.links.ts';
import { createRemindersRepository } from '../modules/reminders/reminders.repository.ts';
import { createRemindersUsecases, type RemindersUsecases } from '../modules/reminders/reminders.usecases.ts';
import { DateTime } from 'luxon';
import type { Clock } from '../shared/clock/clock.ts';
import { createOutboundHttp } from '../shared/http/outbound.ts';
import { loadKeyring, type KeySource } from '../shared/crypto/keyring-loader.ts';
import { createSecretBox, type Keyring } from '../shared/crypto/secret-box.ts';
import { openGeoIp } from '../shared/geoip/geoip.ts';
import type { Logger } from '../shared/logging/logger.ts';

export function createContainer(input: {
  config: Config;
  clock: Clock;
  logger: Logger;
  handle?: DatabaseHandle;
  /** SQLite: false when another connection of the process checkpoints the log (the worker thread of `serve`). */
  sqliteAutoCheckpoint?: boolean;
  keyring?: Keyring;
  storage?: StorageDriver;
  /** Replaces the notification channels the config gives (the simulation records instead of sending). */
  channelKinds?: ChannelKind[];
}) {
  const { config, clock, logger } = input;
  const handle = input.handle ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, sqliteAutoCheckpoint: input.sqliteAutoCheckpoint ?? true });
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
  const learning = createLearningUsecases({ repository: createLearningRepository() });
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const integrationsRepository = createIntegrationsRepository({ db: handle.db, dialect: handle.dialect });
  const outbound = createOutboundHttp({
    allowPrivateTargets: config.allowPrivateTargets === 'auto' ? async () => (await integrationsRepository.countUsers()) <= 1 : config.allowPrivateTargets === 'true',
  });
  const vapid = createVapidKeyStore({ db: handle.db, secrets, clock });
  // The Telegram bot: the instance's token, Telegram's (or the operator's) API server, so the requests are not held to the private-target rule.
  const telegramBot = config.telegramBotToken
    ? {
        api: createTelegramBotApi({ baseUrl: config.telegramApiUrl, token: config.telegramBotToken, http: createOutboundHttp({ allowPrivateTargets: true }) }),
        limiter: createTelegramLimiter(),
        webhookSecret: webhookSecret(keys.keyring.current.key, config.telegramBotToken),
      }
    : undefined;
  const channelKinds: ChannelKind[] = [
    {
      type: 'push',
      driver: lazyDriver({ channel: 'push', name: 'web-push', configSchema: PushSubscriptionConfig, credentialsSchema: PushCredentials, deduplicates: false }, async () =>
        createPushDriver({ http: outbound, vapid: { ...(await vapid.keys()), subject: config.vapidSubject }, clock }),
      ),
      discreetByDefault: false,
      multiple: true,
    },
    { type: 'mqtt', driver: createMqttDriver({ outbound, clock }), discreetByDefault: true, multiple: true },
    { type: 'webhook', driver: createWebhookDriver({ http: outbound, clock }), discreetByDefault: true, multiple: true },
    { type: 'ntfy', driver: createNtfyDriver({ http: outbound, clock }), discreetByDefault: false, multiple: true },
    { type: 'sms', driver: createSmsDriver({ http: outbound, clock }), discreetByDefault: false, multiple: true },
    { type: 'signal', driver: createSignalDriver({ http: outbound, clock }), discreetByDefault: false, multiple: true },
    { type: WHATSAPP_INTEGRATION_TYPE, driver: createWhatsAppDriver({ http: outbound, clock }), discreetByDefault: false, multiple: true },
    // A Discord channel is usually read by others too; speech in a room is heard by everyone.
    { type: 'discord', driver: createDiscordDriver({ http: outbound, clock }), discreetByDefault: true, multiple: true },
    { type: 'homeassistant', driver: createHomeAssistantDriver({ http: outbound, clock }), discreetByDefault: true, multiple: true },
    ...(telegramBot
      ? [{ type: TELEGRAM_INTEGRATION_TYPE, driver: createTelegramDriver(telegramBot), discreetByDefault: false, multiple: false, linkWith: 'POST /api/v1/integrations/telegram/link' }]
      : []),
    ...(config.smtpUrl ? [{ type: 'email', driver: createEmailDriver(smtpSettingsFromUrl(config.smtpUrl, config.smtpFrom, new URL('/settings/notifications', publicUrl).toString())), discreetByDefault: false, multiple: true }] : []),
  ];
  const registry = createChannelRegistry(input.channelKinds ?? channelKinds);
  const remindersRepository = createRemindersRepository({ db: handle.db, dialect: handle.dialect });
  const notificationsRepository = createNotificationsRepository({ db: handle.db });
  // Reminders, integrations and tasks call each other inside one transaction; the late binding closes the circle.
  let completeTask: (userId: string, taskId: string) => Promise<unknown> = async () => {
    throw new Error('tasks are not wired yet');
  };
  const replan = (trx: Parameters<RemindersUsecases['replan']>[0], userId: string, taskIds: readonly string[], options?: { from?: Date }) => remindersUsecases.replan(trx, userId, taskIds, options);
  const replanAll = (trx: Parameters<RemindersUsecases['replan']>[0], userId: string) => remindersUsecases.replanAll(trx, userId);
  const links = createActionLinks({ db: handle.db, masterKey: keys.keyring.current.key, publicUrl, clock });
  const integrations = createIntegrationsUsecases({
    handle, repository: integrationsRepository, registry, secrets, clock, replanAll,
    enableChannel: (trx, userId, channel) => users.changeNotificationPreferences(trx, userId, (stored) => withChannelSetUp(stored, channel), clock.now()),
    testMessage: async (userId) => links.testMessage(userId),
  });
  const inApp = createInAppDriver({ db: handle.db, repository: notificationsRepository, publicUrl, clock });
  const notifications = createNotificationsUsecases({ handle, repository: notificationsRepository, integrations: integrationsRepository, registry, inApp, dailyCaps: DAILY_CHANNEL_CAP, clock });
  const deliveries = createDeliveryJobs({
    repository: notificationsRepository, integrations: integrationsRepository, registry, targetOf: integrations.targetOf, isDiscreet: integrations.isDiscreet,
    actionsFor: links.actionsFor, configured: notifications.configured, publicUrl, clock, backoff: { baseMs: 30_000, maxMs: 300_000 }, notice: notifications.notice,
    fallbackOrder: async (executor, userId) => (await remindersUsecases.planningUsers(executor, [userId])).get(userId)?.preferences.fallbackOrder ?? DEFAULT_FALLBACK_ORDER,
    dailyCaps: DAILY_CHANNEL_CAP,
    localDayStart: async (executor, userId, at) => {
      const zone = (await remindersUsecases.planningUsers(executor, [userId])).get(userId)?.zone ?? 'UTC';
      return DateTime.fromJSDate(at, { zone }).startOf('day').toJSDate();
    },
  });
  const remindersUsecases: RemindersUsecases = createRemindersUsecases({ handle, repository: remindersRepository, channels: notifications, clock, completeTask: (userId, taskId) => completeTask(userId, taskId) });
  const live = createLiveFeed({ db: handle.db, clock });
  const understander = threadUnderstander({ timeoutMs: config.extractionTimeoutSeconds * 1000, log: (message) => logger.info(message) });
  const jobs = createJobSystem({
    handle,
    clock,
    logger,
    settings: config,
    // Every module's job declarations, handlers, periodic jobs, events and subscribers are listed here.
    jobs: [...documentsJobs, deliverNotificationJob, deliverBatchJob, telegramEventJob],
    registrations: ({ bus, queue }) => [
      ...deliveries.handlers(queue),
      ...remindersJobHandlers(),
      ...telegramJobHandlers({ handleEvent: (event) => telegram.handleEvent(event) }),
      ...maintenanceJobHandlers({ db: handle.db }),
      ...authJobHandlers({ auth: authRepository, clock }),
      ...documentsJobHandlers({ handle, repository: documents, storage, users, bus, understander, learning, llm: createLlmRefiner({ config, logger }), settings: config }),
    ],
    periodic: [...maintenancePeriodicJobs, ...authPeriodicJobs, ...documentsPeriodicJobs, ...remindersPeriodicJobs],
    events: [suspiciousLoginEvent, timezoneChangedEvent, documentUnderstoodEvent, dunningLinkedEvent, documentFailedEvent],
    subscribers: [
      ...tasksSubscribers({ tasks: tasksRepository, documents, users, replan, replanAll }),
      ...notificationsSubscribers({
        userContext: async (executor, userId) => {
          const [user] = (await remindersUsecases.planningUsers(executor, [userId])).values();
          return user && { language: user.language, quiet: quietPeriodEnd(clock.now(), user.preferences) !== null };
        },
        // The queue exists once the job system is built (below); events are only delivered after that.
        notice: (executor, input) => notifications.notice(executor, jobs.queue, input),
      }),
    ],
    // The dispatcher is built below, once the queue exists; every worker tick runs it.
    tickTasks: () => [() => dispatcher.dispatchDue({ maxBatches: 1 })],
    wakeHints: () => [() => dispatcher.nextDueAt()],
  });

  const dispatcher = createReminderDispatcher({
    handle, repository: remindersRepository, reminders: remindersUsecases, notifications, queue: jobs.queue, clock, batchSize: config.reminderBatchSize,
    onFired: () => jobs.nudge(),
  });

  const telegramRepository = createTelegramRepository(handle);
  const telegram = createTelegramUsecases({
    bot: telegramBot,
    repository: telegramRepository,
    integrations,
    reminders: remindersUsecases,
    firingOf: async (firingId) => {
      const [firing] = await notificationsRepository.findFirings(handle.db, [firingId]);
      if (!firing) return undefined;
      return { userId: firing.user_id, reminderId: firing.kind === 'reminder' ? (fromDbJson<string[]>(firing.reminder_ids)[0] ?? null) : null };
    },
    userContext: async (userId) => {
      const user = await remindersUsecases.planningUser(handle.db, userId);
      return { language: user.language, zone: user.zone };
    },
    deliver: async (executor, events) => {
      await enqueueTelegramEvents(jobs.queue, executor, events);
      jobs.nudge();
    },
    clock,
    logger,
  });
  // Built here, started only by the processes that run workers (processes.ts): one of them holds the lease and receives.
  const telegramMode = config.telegramUpdates === 'auto' ? (config.publicUrl?.startsWith('https://') ? 'webhook' : 'polling') : config.telegramUpdates;
  const telegramPoller = telegramBot && config.telegramBotToken
    ? createTelegramPoller({
        api: telegramBot.api,
        repository: telegramRepository,
        handle,
        botId: botIdOf(config.telegramBotToken),
        mode: telegramMode,
        ...(config.publicUrl ? { webhook: { url: `${config.publicUrl.replace(/\/+$/, '')}/hooks/telegram`, secret: telegramBot.webhookSecret } } : {}),
        fallBackToPolling: config.telegramUpdates === 'auto',
        deliver: (trx, events) => enqueueTelegramEvents(jobs.queue, trx, events),
        onDelivered: () => jobs.nudge(),
        clock,
        logger,
      })
    : undefined;

  // The WhatsApp webhook keeps each channel's 24-hour window; on only with both of the Meta app's settings (config.ts checks they come together).
  const whatsappWebhook = createWhatsAppWebhookUsecases({
    webhook: config.whatsappAppSecret && config.whatsappVerifyToken ? { appSecret: config.whatsappAppSecret, verifyToken: config.whatsappVerifyToken } : undefined,
    integrations,
    clock,
    logger,
  });

  const throttle = createLoginThrottle({ auth: authRepository, clock });
  const twoFactor = createTwoFactorUsecases({ handle, repository: createTwoFactorRepository({ db: handle.db }), users, secrets, throttle, clock, issuer: 'Workmate' });
  const accounts = createUsersUsecases({ handle, users, auth: authRepository, bus: jobs.bus, files: userFiles(storage), throttle, clock, replanAll });
  const tagsRepository = createTagsRepository({ db: handle.db });
  const tags = createTagsUsecases({ handle, repository: tagsRepository, clock });
  const tasks = createTasksUsecases({ handle, tasks: tasksRepository, tags: tagsRepository, tagUsecases: tags, documents, users, clock, replan });
  completeTask = (userId, taskId) => tasks.update(userId, taskId, { status: 'done', force: true });
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
      learning,
    }),
    search: createSearchUsecases({ repository: createSearchRepository({ db: handle.db, dialect: handle.dialect }) }),
    tags,
    tasks,
    reminders: remindersUsecases,
    notifications,
    integrations,
    telegram,
    whatsappWebhook,
    links,
    live,
    pushKey: async () => (await vapid.keys()).publicKey,
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
    config, clock, logger, handle, jobs, vapid, dispatcher, inApp, storage, understander, secretBox: secrets, usecases, telegramPoller,
    close: async () => {
      await telegramPoller?.stop();
      await understander.close();
      await registry.close();
      live.close();
      await handle.destroy();
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
