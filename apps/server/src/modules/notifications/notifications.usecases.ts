/**
 * The notification path every message takes (reminders, digests, system messages): a firing is
 * written with its in-app attempt in the caller's transaction, and one durable delivery job per
 * further channel target is queued in the same transaction. The delivery job sends with the
 * channel's driver, retries with backoff, falls through to the user's next channel when a channel
 * cannot deliver within its window, and marks a channel that keeps failing.
 */
import type { Kysely } from 'kysely';
import Type, { type Static } from 'typebox';
import type { DialectName } from '../../db/database.ts';
import type { Database, NotificationChannel, ReminderSeverity } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbInstant, fromDbJson, toDbInstant, toDbJson } from '../../db/values.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import { declareJob, handle, PermanentJobError, type JobContext, type JobRegistration } from '../../jobs/jobs.types.ts';
import { retryDelayMs } from '../../jobs/jobs.backoff.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { pageWindow } from '../../shared/http/pagination.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { IntegrationRow, IntegrationsRepository } from '../integrations/integrations.repository.ts';
import type { ChannelRegistry } from './notifications.drivers.ts';
import * as errors from './notifications.errors.ts';
import type { NewAttempt, NewFiring, NotificationsRepository } from './notifications.repository.ts';
import { DeliveryError, type ChannelMessage, type ChannelTarget, type MessageAction } from './notifications.types.ts';

/** A delivery not made within this time after its firing falls through to the next channel. */
export const FALL_THROUGH_AFTER_MS = 10 * 60_000;
/** How long one attempt may take before it counts as a timeout. */
export const ATTEMPT_TIMEOUT_MS = 30_000;
/** This many failed attempts in a row on one channel mark it as failing (shown to the user). */
export const FAILING_STREAK = 3;

export const deliverNotificationJob = declareJob(
  'notifications.deliver',
  Type.Object({
    firing_id: Type.String({ format: 'uuid' }),
    channel: Type.String({ minLength: 1, maxLength: 50 }),
    /** null: the account's own e-mail address through the instance's SMTP. */
    integration_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    attempt: Type.Integer({ minimum: 1 }),
    /** The channels of this firing tried so far (for the fall-through order). */
    tried: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }),
  }),
  // Each attempt is its own job (the next one is queued with its own backoff), so the job system's retries are only for crashes.
  { maxAttempts: 5 },
);

export type DeliveryPayload = Static<typeof deliverNotificationJob.payload>;

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
  /** Renders the discreet form for channels set to discreet. */
  discreet: { title: string; body: string };
  language: 'de' | 'en';
  silent: boolean;
}

interface ActionLinks {
  /** Signed links for e-mail and push buttons; empty when the firing has no single task. */
  actionsFor(input: { userId: string; firingId: string; reminderId: string | null; taskId: string | null; language: 'de' | 'en' }): MessageAction[];
}

export function createNotificationsUsecases(deps: {
  handle: { db: Kysely<Database>; dialect: DialectName };
  repository: NotificationsRepository;
  integrations: IntegrationsRepository;
  registry: ChannelRegistry;
  /** Opens an integration's sealed credentials and strips the common settings. */
  targetOf: (row: IntegrationRow) => ChannelTarget;
  isDiscreet: (row: IntegrationRow | undefined, channel: NotificationChannel) => boolean;
  links: ActionLinks;
  publicUrl: string;
  clock: Clock;
  backoff: { baseMs: number; maxMs: number };
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
    if (registry.typesOf('email').length > 0 && !(await deps.integrations.list(userId, executor)).some((row) => registry.kind(row.integration_type)?.driver.channel === 'email')) channels.add('email');
    return channels;
  }

  /**
   * Writes the firings, their in-app attempts and their delivery jobs in the caller's transaction.
   * A firing whose key exists already is skipped (a second dispatcher, or a replay, adds nothing).
   * Returns the firings that were new, for the live stream.
   */
  async function fire(trx: Executor, queue: JobQueue, inputs: readonly FiringInput[]) {
    if (inputs.length === 0) return [];
    const now = clock.now();
    const rows: (NewFiring & { input: FiringInput })[] = inputs.map((input) => ({
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
      input,
    }));
    const created = await repository.insertFirings(trx, rows.map(({ input: _input, ...row }) => row), now);
    const fresh = rows.filter((row) => created.has(row.id));
    const attempts: NewAttempt[] = fresh.map((row) => ({
      id: newId(), user_id: row.user_id, firing_id: row.id, task_id: row.task_id, reminder_id: row.kind === 'reminder' ? (row.input.reminderIds[0] ?? null) : null,
      integration_id: null, title: row.title, body: row.body, action_url: row.action_url, channel: 'in_app', driver: 'in-app', attempt: 1,
      idempotency_key: `${row.fire_key}:in_app`, status: 'sent', error_message: null, sent_at: toDbInstant(now),
    }));
    await repository.insertAttempts(trx, attempts, now);

    const userIds = [...new Set(fresh.map((row) => row.user_id))];
    const integrations = await deps.integrations.enabledOf(trx, userIds, registry.types());
    const emailFallback = new Set<string>();
    if (registry.typesOf('email').length > 0) {
      for (const userId of userIds) if (!(await deps.integrations.list(userId, trx)).some((row) => registry.kind(row.integration_type)?.driver.channel === 'email')) emailFallback.add(userId);
    }
    for (const row of fresh) {
      for (const channel of row.input.channels) {
        if (channel === 'in_app') continue;
        const targets: (string | null)[] = integrations.filter((integration) => integration.user_id === row.user_id && registry.kind(integration.integration_type)?.driver.channel === channel).map((integration) => integration.id);
        if (channel === 'email' && targets.length === 0 && emailFallback.has(row.user_id)) targets.push(null);
        for (const integrationId of targets) {
          await queue.enqueue(
            deliverNotificationJob,
            { firing_id: row.id, channel, integration_id: integrationId, attempt: 1, tried: [channel] },
            { idempotencyKey: `deliver:${row.fire_key}:${channel}:${integrationId ?? 'account'}:1`, userId: row.user_id, executor: trx },
          );
        }
      }
    }
    return fresh.map((row) => ({ id: row.id, userId: row.user_id, title: row.title, severity: row.severity }));
  }

  function absolute(path: string) {
    return new URL(path, deps.publicUrl).toString();
  }

  /** One attempt of one delivery. */
  async function deliver(payload: DeliveryPayload, context: JobContext, queue: JobQueue) {
    const firing = await repository.findFiring(context.db, payload.firing_id);
    if (!firing) return void (await context.complete(async () => undefined));
    const channel = payload.channel as NotificationChannel;
    const integration = payload.integration_id ? await deps.integrations.findById(payload.integration_id, context.db) : undefined;
    if (payload.integration_id && (!integration || !integration.enabled)) return void (await context.complete(async () => undefined));
    const kindType = integration?.integration_type ?? registry.typesOf(channel)[0];
    const kind = kindType ? registry.kind(kindType) : undefined;
    if (!kind) throw new PermanentJobError(`no driver delivers over ${channel} here`);
    if (firing.kind !== 'system' && (await allTasksClosed(context.db, fromDbJson<string[]>(firing.task_ids)))) {
      // Completed meanwhile: nothing more about it goes out, on any channel.
      return void (await context.complete(async () => undefined));
    }

    const user = await context.db.selectFrom('users').select(['email', 'language']).where('id', '=', firing.user_id).executeTakeFirstOrThrow();
    const language = user.language === 'en' ? 'en' : 'de';
    const discreet = deps.isDiscreet(integration, channel);
    const reminderIds = fromDbJson<string[]>(firing.reminder_ids);
    const idempotencyKey = `${firing.fire_key}:${channel}:${integration?.id ?? 'account'}`;
    const message: ChannelMessage = {
      idempotencyKey,
      language,
      severity: firing.severity ?? 'info',
      title: discreet ? discreetTitle() : firing.title,
      body: discreet ? discreetBody(language, Math.max(1, fromDbJson<string[]>(firing.task_ids).length)) : firing.body,
      url: absolute(firing.action_url ?? '/notifications'),
      actions: deps.links.actionsFor({ userId: firing.user_id, firingId: firing.id, reminderId: firing.kind === 'reminder' ? (reminderIds[0] ?? null) : null, taskId: firing.task_id, language }),
      discreet,
      silent: false,
      references: { notificationId: firing.id, taskIds: fromDbJson<string[]>(firing.task_ids) },
    };
    const target = integration ? deps.targetOf(integration) : { config: { address: user.email }, credentials: {} };
    const now = clock.now();
    const base: Omit<NewAttempt, 'status' | 'error_message' | 'sent_at'> = {
      id: newId(), user_id: firing.user_id, firing_id: firing.id, task_id: firing.task_id, reminder_id: firing.kind === 'reminder' ? (reminderIds[0] ?? null) : null,
      integration_id: integration?.id ?? null, title: message.title.slice(0, 255), body: message.body, action_url: message.url.slice(0, 2048),
      channel, driver: kind.driver.name, attempt: payload.attempt, idempotency_key: idempotencyKey,
    };
    try {
      await kind.driver.send(message, target, { signal: context.signal, timeoutMs: ATTEMPT_TIMEOUT_MS });
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      await context.complete(async (trx) => {
        await repository.insertAttempts(trx, [{ ...base, status: 'failed', error_message: `${error.kind}: ${error.message}`, sent_at: null }], now);
        const age = now.getTime() - fromDbInstant(firing.created_at).getTime();
        if (error.retryable && age < FALL_THROUGH_AFTER_MS) {
          const wait = Math.max(retryDelayMs(payload.attempt, deps.backoff), error.retryAfterMs ?? 0);
          if (age + wait < FALL_THROUGH_AFTER_MS) {
            await queue.enqueue(deliverNotificationJob, { ...payload, attempt: payload.attempt + 1 }, { idempotencyKey: `deliver:${firing.fire_key}:${channel}:${integration?.id ?? 'account'}:${payload.attempt + 1}`, userId: firing.user_id, executor: trx, runAt: new Date(now.getTime() + wait) });
            return;
          }
        }
        await fallThrough(trx, queue, firing.user_id, firing.id, firing.fire_key, payload.tried);
        if (integration) await noteFailure(trx, integration, error.message);
      });
      return;
    }
    await context.complete(async (trx) => {
      await repository.insertAttempts(trx, [{ ...base, status: 'sent', error_message: null, sent_at: toDbInstant(clock.now()) }], now);
      if (integration && integration.sync_status === 'error') await deps.integrations.update(trx, integration.user_id, integration.id, { sync_status: 'idle', error_log: null, last_sync_at: toDbInstant(now) }, now);
    });
  }

  /** The next channel in the user's order that this firing has not tried yet, if they have one. */
  async function fallThrough(trx: Executor, queue: JobQueue, userId: string, firingId: string, fireKey: string, tried: readonly string[]) {
    const available = await configured(trx, userId);
    const order: NotificationChannel[] = ['push', 'email', 'telegram', 'signal', 'whatsapp', 'discord', 'sms', 'smart_home'];
    const next = order.find((channel) => available.has(channel) && !tried.includes(channel));
    if (!next) return;
    const integrations = (await deps.integrations.enabledOf(trx, [userId], registry.typesOf(next))).map((row) => row.id as string | null);
    if (integrations.length === 0 && next === 'email') integrations.push(null);
    for (const integrationId of integrations) {
      await queue.enqueue(
        deliverNotificationJob,
        { firing_id: firingId, channel: next, integration_id: integrationId, attempt: 1, tried: [...tried, next] },
        { idempotencyKey: `deliver:${fireKey}:${next}:${integrationId ?? 'account'}:1`, userId, executor: trx },
      );
    }
  }

  /** A channel that failed FAILING_STREAK times in a row is marked and named in the notification centre. */
  async function noteFailure(trx: Executor, integration: IntegrationRow, message: string) {
    const now = clock.now();
    const recent = await repository.recentOutcomes(trx, integration.id, FAILING_STREAK);
    if (recent.length < FAILING_STREAK || recent.some((status) => status !== 'failed') || integration.sync_status === 'error') return;
    await deps.integrations.update(trx, integration.user_id, integration.id, { sync_status: 'error', error_log: message, last_sync_at: toDbInstant(now) }, now);
    const user = await trx.selectFrom('users').select('language').where('id', '=', integration.user_id).executeTakeFirst();
    const name = integration.name ?? integration.integration_type;
    const german = user?.language !== 'en';
    await repository.insertFirings(trx, [{
      id: newId(), user_id: integration.user_id, task_id: null, kind: 'system', severity: 'warning',
      title: german ? `Kanal „${name}“ funktioniert gerade nicht` : `Channel "${name}" is not working`,
      body: german ? `Die letzten ${FAILING_STREAK} Versuche über „${name}“ sind gescheitert (${message}). Erinnerungen kommen solange über deine anderen Kanäle. Prüfe die Einstellungen und sende eine Testnachricht.` : `The last ${FAILING_STREAK} attempts over "${name}" failed (${message}). Reminders use your other channels meanwhile. Check its settings and send a test message.`,
      action_url: `/settings/channels/${integration.id}`, fire_key: `channel-failing:${integration.id}:${toDbInstant(now)}`, reminder_ids: '[]', task_ids: '[]',
    }], now);
  }

  async function allTasksClosed(executor: Executor, taskIds: readonly string[]) {
    if (taskIds.length === 0) return false;
    const open = await executor.selectFrom('tasks').select('id').where('id', 'in', taskIds).where('status', 'in', ['open', 'in_progress']).execute();
    return open.length === 0;
  }

  function handlers(queue: JobQueue): JobRegistration[] {
    return [handle(deliverNotificationJob, async (payload, context) => deliver(payload, context, queue))];
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

  return { configured, fire, handlers, list, unreadCount, markRead };
}

function discreetTitle() {
  return 'Workmate';
}

function discreetBody(language: 'de' | 'en', count: number) {
  if (language === 'en') return count === 1 ? 'Workmate: 1 thing needs you' : `Workmate: ${count} things need you`;
  return count === 1 ? 'Workmate: 1 Sache braucht dich' : `Workmate: ${count} Sachen brauchen dich`;
}

export type NotificationsUsecases = ReturnType<typeof createNotificationsUsecases>;
