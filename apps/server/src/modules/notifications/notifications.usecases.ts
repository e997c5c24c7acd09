/**
 * The notification path every message takes (reminders, digests, system messages): a firing is
 * written with its in-app attempt in the caller's transaction, and its deliveries over the other
 * channels are queued as durable jobs in the same transaction (notifications.jobs.ts sends them).
 * Also the notification centre: list, unread count, read and clicked.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database, NotificationChannel, ReminderSeverity } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbJson, toDbJson } from '../../db/values.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { pageWindow } from '../../shared/http/pagination.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { IntegrationsRepository } from '../integrations/integrations.repository.ts';
import type { ChannelRegistry } from './notifications.drivers.ts';
import * as errors from './notifications.errors.ts';
import { BATCH_SIZE, deliverBatchJob, deliveryKey, type DeliveryItem } from './notifications.jobs.ts';
import type { Notice } from './notifications.notices.models.ts';
import type { NotificationsRepository } from './notifications.repository.ts';
import type { InAppDriver, InAppEntry } from './drivers/in-app/in-app.driver.ts';

export interface FiringInput {
  userId: string;
  taskId: string | null;
  kind: 'reminder' | 'digest' | 'system';
  severity: ReminderSeverity | null;
  title: string;
  body: string;
  /** Path in the web app ("/tasks/<id>"); made absolute with the instance's public URL. */
  path: string;
  fireKey: string;
  reminderIds: readonly string[];
  taskIds: readonly string[];
  channels: readonly NotificationChannel[];
  /** Goes out during the user's quiet hours (a critical one): providers are asked for no sound. */
  silent: boolean;
  /**
   * The start of the user's local day: with it, channels capped per task and day (SMS, smart home)
   * are checked against what was already sent that day. The plan caps them too, but a snoozed
   * reminder fires at a time the plan did not count.
   */
  capsSince?: Date;
}

export function createNotificationsUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: NotificationsRepository;
  integrations: IntegrationsRepository;
  registry: ChannelRegistry;
  inApp: InAppDriver;
  /** Alerts per task and local day on a channel (SMS, smart home). */
  dailyCaps: Readonly<Partial<Record<NotificationChannel, number>>>;
  clock: Clock;
}) {
  const { repository, registry, clock } = deps;

  /** The user's channels with a working setup; `in_app` is always there. */
  async function configured(executor: Executor, userId: string): Promise<ReadonlySet<NotificationChannel>> {
    const rows = await deps.integrations.enabledOf(executor, [userId], registry.types());
    const channels = new Set<NotificationChannel>(['in_app']);
    for (const row of rows) {
      const channel = registry.kind(row.integration_type)?.driver.channel;
      if (channel) channels.add(channel);
    }
    // The account address counts as an e-mail channel while the user has not set up another one.
    const emailTypes = registry.typesOf('email');
    if (emailTypes.length > 0 && (await deps.integrations.usersWithAny(executor, [userId], emailTypes)).length === 0) channels.add('email');
    return channels;
  }

  /**
   * Writes the firings, their in-app attempts and their delivery jobs in the caller's transaction.
   * A firing whose key exists already is skipped (a second dispatcher, or a replay, adds nothing).
   * Returns the firings that were new, for the live stream.
   */
  async function fire(trx: Executor, queue: JobQueue, inputs: readonly FiringInput[]) {
    if (inputs.length === 0) return [];
    const rows: (InAppEntry & { input: FiringInput })[] = inputs.map((input) => ({
      id: newId(),
      user_id: input.userId,
      task_id: input.taskId,
      kind: input.kind,
      severity: input.severity,
      title: input.title.slice(0, 255),
      body: input.body,
      action_url: input.path,
      fire_key: input.fireKey,
      reminder_ids: toDbJson(input.reminderIds),
      task_ids: toDbJson(input.taskIds),
      silent: input.silent,
      reminderId: input.kind === 'reminder' ? (input.reminderIds[0] ?? null) : null,
      input,
    }));
    // In the app first: every firing is in the notification centre once the transaction commits.
    const created = await deps.inApp.record(trx, rows.map(({ input: _input, ...entry }) => entry));
    const fresh = rows.filter((row) => created.has(row.id));

    const userIds = [...new Set(fresh.map((row) => row.user_id))];
    const integrations = await deps.integrations.enabledOf(trx, userIds, registry.types());
    const emailTypes = registry.typesOf('email');
    // The account address stands in for users without an e-mail channel of their own.
    const ownEmail = new Set(emailTypes.length > 0 ? await deps.integrations.usersWithAny(trx, userIds, emailTypes) : userIds);
    const byChannel = new Map<string, { item: DeliveryItem; fireKey: string; userId: string }[]>();
    for (const row of fresh) {
      const channels = row.input.capsSince && row.task_id ? await withinCaps(trx, row.task_id, row.input.channels, row.input.capsSince) : row.input.channels;
      for (const channel of channels) {
        if (channel === 'in_app') continue;
        const targets: (string | null)[] = integrations.filter((integration) => integration.user_id === row.user_id && registry.kind(integration.integration_type)?.driver.channel === channel).map((integration) => integration.id);
        if (channel === 'email' && targets.length === 0 && !ownEmail.has(row.user_id)) targets.push(null);
        for (const integrationId of targets) {
          const list = byChannel.get(channel) ?? [];
          list.push({ item: { firing_id: row.id, channel, integration_id: integrationId, attempt: 1, tried: [channel] }, fireKey: row.fire_key, userId: row.user_id });
          byChannel.set(channel, list);
        }
      }
    }
    for (const deliveries of byChannel.values()) {
      for (let start = 0; start < deliveries.length; start += BATCH_SIZE) {
        const chunk = deliveries.slice(start, start + BATCH_SIZE);
        const first = chunk[0]!;
        await queue.enqueue(
          deliverBatchJob,
          { items: chunk.map((delivery) => delivery.item) },
          { idempotencyKey: `deliver-batch:${deliveryKey(first.fireKey, first.item.channel, first.item.integration_id)}`, userId: chunk.every((delivery) => delivery.userId === first.userId) ? first.userId : null, executor: trx },
        );
      }
    }
    return fresh.map((row) => ({ id: row.id, userId: row.user_id, title: row.title, severity: row.severity }));
  }

  /**
   * A notification that is not a reminder (a suspicious login, a document that failed, a failing
   * channel) on the same path as reminders: in-app entry plus deliveries, in the caller's transaction.
   * `key` makes it once-only (the same event delivered twice notifies once).
   */
  async function notice(trx: Executor, queue: JobQueue, input: { userId: string; key: string; notice: Notice; silent: boolean }) {
    return fire(trx, queue, [{
      userId: input.userId, taskId: null, kind: 'system', severity: input.notice.severity, title: input.notice.title, body: input.notice.body, path: input.notice.path,
      fireKey: `notice:${input.key}`.slice(0, 255), reminderIds: [], taskIds: [], channels: input.notice.channels, silent: input.silent,
    }]);
  }

  /** The channels without those whose daily cap the task has used up since `since`. */
  async function withinCaps(trx: Executor, taskId: string, channels: readonly NotificationChannel[], since: Date) {
    const kept: NotificationChannel[] = [];
    for (const channel of channels) {
      const cap = deps.dailyCaps[channel];
      if (cap === undefined || (await repository.sentForTaskSince(trx, taskId, channel, since)) < cap) kept.push(channel);
    }
    return kept;
  }

  async function list(userId: string, query: { page: number; page_size: number; unread?: boolean }) {
    const { limit, offset } = pageWindow(query);
    const { total, rows } = await repository.list(deps.handle.db, userId, { unread: query.unread ?? false, offset, limit });
    const attempts = await repository.attemptsOf(deps.handle.db, rows.map((row) => row.id));
    return {
      total,
      page: query.page,
      page_size: query.page_size,
      results: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        severity: row.severity,
        title: row.title,
        body: row.body,
        action_url: row.action_url,
        task_id: row.task_id,
        task_ids: fromDbJson<string[]>(row.task_ids),
        reminder_ids: fromDbJson<string[]>(row.reminder_ids),
        created_at: row.created_at,
        read_at: row.read_at,
        clicked_at: row.clicked_at,
        deliveries: attempts.filter((attempt) => attempt.firing_id === row.id).map((attempt) => ({
          channel: attempt.channel, driver: attempt.driver, integration_id: attempt.integration_id, attempt: attempt.attempt, status: attempt.status, error: attempt.error_message, created_at: attempt.created_at, sent_at: attempt.sent_at,
        })),
      })),
    };
  }

  async function unreadCount(userId: string) {
    return { unread: await repository.unreadCount(deps.handle.db, userId) };
  }

  async function markRead(userId: string, firingId: string, options: { clicked?: boolean } = {}) {
    if (!(await repository.markRead(deps.handle.db, userId, firingId, clock.now(), options.clicked ?? false))) throw errors.notFound();
    return unreadCount(userId);
  }

  /** "Alles gelesen": every notification of the user read at once (a pile after a week away is not a to-do list). */
  async function markAllRead(userId: string) {
    await repository.markAllRead(deps.handle.db, userId, clock.now());
    return unreadCount(userId);
  }

  return { configured, fire, notice, list, unreadCount, markRead, markAllRead };
}

export type NotificationsUsecases = ReturnType<typeof createNotificationsUsecases>;
