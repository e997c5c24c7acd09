/**
 * Delivery jobs. A firing's first deliveries travel in batches (one job per channel and up to
 * BATCH_SIZE deliveries: ten thousand reminders due in one minute must not mean ten thousand job
 * round trips); a retry or a fall-through is a job of its own. Either way each delivery is sent with
 * its idempotency key, each attempt is recorded as a `notifications` row in the job's completing
 * transaction (so the bookkeeping happens exactly once), and a worker killed mid-job only means the
 * job runs again: the delivery is at least once, and channels that take the key drop the repeat.
 */
import { setMaxListeners } from 'node:events';
import Type, { type Static } from 'typebox';
import type { NotificationChannel } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { fromDbBool, fromDbInstant, fromDbJson, toDbInstant } from '../../db/values.ts';
import { retryDelayMs } from '../../jobs/jobs.backoff.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import { declareJob, handle, type JobContext, type JobRegistration } from '../../jobs/jobs.types.ts';
import type { Clock } from '../../shared/clock/clock.ts';
import { newId } from '../../shared/ids/ids.ts';
import type { IntegrationRow, IntegrationsRepository } from '../integrations/integrations.repository.ts';
import type { ChannelKind, ChannelRegistry } from './notifications.drivers.ts';
import { channelFailingNotice, type Notice } from './notifications.notices.models.ts';
import type { FiringRow, NewAttempt, NotificationsRepository } from './notifications.repository.ts';
import { DeliveryError, type ChannelMessage, type ChannelTarget, type MessageAction } from './notifications.types.ts';

/** A delivery not made within this time after its firing falls through to the next channel. */
export const FALL_THROUGH_AFTER_MS = 10 * 60_000;
/** How long one attempt may take before it counts as a timeout. */
export const ATTEMPT_TIMEOUT_MS = 30_000;
/** This many failed attempts in a row on one channel mark it as failing (shown to the user). */
export const FAILING_STREAK = 3;
/** Deliveries per batch job, and how many of them are sent at the same time. */
export const BATCH_SIZE = 100;
const SEND_CONCURRENCY = 16;

const Delivery = Type.Object({
  firing_id: Type.String({ format: 'uuid' }),
  channel: Type.String({ minLength: 1, maxLength: 50 }),
  /** null: the account's own e-mail address through the instance's SMTP. */
  integration_id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  attempt: Type.Integer({ minimum: 1 }),
  /** The channels of this firing tried so far (for the fall-through order). */
  tried: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }),
});
export type DeliveryItem = Static<typeof Delivery>;

// Each attempt is its own job (the next one is queued with its own backoff), so the job system's retries are only for crashes.
export const deliverNotificationJob = declareJob('notifications.deliver', Delivery, { maxAttempts: 5 });
export const deliverBatchJob = declareJob('notifications.deliver_batch', Type.Object({ items: Type.Array(Delivery, { minItems: 1, maxItems: BATCH_SIZE }) }), { maxAttempts: 5 });

/** The idempotency key of a delivery: one per firing, channel and target, the same on every attempt. */
export function deliveryKey(fireKey: string, channel: string, integrationId: string | null) {
  return `${fireKey}:${channel}:${integrationId ?? 'account'}`;
}

interface Ready {
  item: DeliveryItem;
  firing: FiringRow;
  integration: IntegrationRow | undefined;
  kind: ChannelKind;
  message: ChannelMessage;
  target: ChannelTarget;
}

type Outcome = { ok: true; providerMessageId?: string } | { ok: false; error: DeliveryError };

export function createDeliveryJobs(deps: {
  repository: NotificationsRepository;
  integrations: IntegrationsRepository;
  registry: ChannelRegistry;
  targetOf: (row: IntegrationRow) => ChannelTarget;
  isDiscreet: (row: IntegrationRow | undefined, channel: NotificationChannel) => boolean;
  actionsFor: (input: { userId: string; reminderId: string | null; language: 'de' | 'en' }) => MessageAction[];
  configured: (executor: Executor, userId: string) => Promise<ReadonlySet<NotificationChannel>>;
  /** The user's fall-through order (their `fallback_order`, then the default order). */
  fallbackOrder: (executor: Executor, userId: string) => Promise<readonly NotificationChannel[]>;
  /** Alerts per task and local day on a channel (SMS, smart home), as the plan caps them; a fall-through respects them too. */
  dailyCaps: Readonly<Partial<Record<NotificationChannel, number>>>;
  /** The start of the user's local day containing `at`. */
  localDayStart: (executor: Executor, userId: string, at: Date) => Promise<Date>;
  publicUrl: string;
  clock: Clock;
  backoff: { baseMs: number; maxMs: number };
  /** Tells the user something that is not a reminder (here: a channel that keeps failing), on the same path. */
  notice: (trx: Executor, queue: JobQueue, input: { userId: string; key: string; notice: Notice; silent: boolean }) => Promise<unknown>;
}) {
  const { repository, registry, clock } = deps;

  /** Everything the sends need, read in a few queries for the whole batch; deliveries that are moot are left out. */
  async function prepare(db: Executor, items: readonly DeliveryItem[]): Promise<Ready[]> {
    const firings = new Map((await repository.findFirings(db, [...new Set(items.map((item) => item.firing_id))])).map((row) => [row.id, row]));
    const integrationIds = [...new Set(items.map((item) => item.integration_id).filter((id): id is string => id !== null))];
    const integrations = new Map((await deps.integrations.findByIds(integrationIds, db)).map((row) => [row.id, row]));
    const users = new Map((await repository.usersOf(db, [...new Set([...firings.values()].map((row) => row.user_id))])).map((row) => [row.id, row]));
    const openTasks = new Set(await repository.openTaskIds(db, [...new Set([...firings.values()].flatMap((row) => fromDbJson<string[]>(row.task_ids)))]));
    const ready: Ready[] = [];
    for (const item of items) {
      const firing = firings.get(item.firing_id);
      const user = firing && users.get(firing.user_id);
      if (!firing || !user) continue; // deleted meanwhile
      const taskIds = fromDbJson<string[]>(firing.task_ids);
      // Completed meanwhile: nothing more about it goes out, on any channel.
      if (firing.kind !== 'system' && taskIds.length > 0 && !taskIds.some((id) => openTasks.has(id))) continue;
      const channel = item.channel as NotificationChannel;
      const integration = item.integration_id ? integrations.get(item.integration_id) : undefined;
      if (item.integration_id && (!integration || !integration.enabled)) continue;
      const type = integration?.integration_type ?? registry.typesOf(channel)[0];
      const kind = type ? registry.kind(type) : undefined;
      if (!kind) continue; // the instance no longer offers this channel (e.g. SMTP settings removed)
      const language = user.language === 'en' ? 'en' : 'de';
      const discreet = deps.isDiscreet(integration, channel);
      const reminderId = firing.kind === 'reminder' ? (fromDbJson<string[]>(firing.reminder_ids)[0] ?? null) : null;
      ready.push({
        item, firing, integration, kind,
        message: {
          idempotencyKey: deliveryKey(firing.fire_key, channel, integration?.id ?? null),
          language,
          severity: firing.severity ?? 'info',
          title: discreet ? 'Workmate' : firing.title,
          body: discreet ? discreetBody(language, Math.max(1, taskIds.length)) : firing.body,
          url: new URL(firing.action_url ?? '/notifications', deps.publicUrl).toString(),
          actions: deps.actionsFor({ userId: firing.user_id, reminderId, language }),
          discreet,
          silent: fromDbBool(firing.silent),
          references: { notificationId: firing.id, taskIds },
        },
        target: integration ? deps.targetOf(integration) : { config: { address: user.email }, credentials: {} },
      });
    }
    return ready;
  }

  async function send(ready: Ready, signal: AbortSignal): Promise<Outcome> {
    try {
      const receipt = await ready.kind.driver.send(ready.message, ready.target, { signal, timeoutMs: ATTEMPT_TIMEOUT_MS });
      return { ok: true, ...(receipt.providerMessageId ? { providerMessageId: receipt.providerMessageId } : {}) };
    } catch (error) {
      if (error instanceof DeliveryError) return { ok: false, error };
      // A driver bug must not block the other deliveries of a batch: it counts as a provider failure.
      return { ok: false, error: new DeliveryError('provider', `the ${ready.kind.driver.name} driver failed unexpectedly (${error instanceof Error ? error.name : 'error'})`, { cause: error }) };
    }
  }

  /** Records the attempts and what follows from them (retry, fall-through, failing channel) in one transaction. */
  async function record(trx: Executor, queue: JobQueue, results: readonly { ready: Ready; outcome: Outcome }[], now: Date) {
    const attempts: NewAttempt[] = [];
    for (const { ready, outcome } of results) {
      const { item, firing, integration, kind, message } = ready;
      attempts.push({
        id: newId(), user_id: firing.user_id, firing_id: firing.id, task_id: firing.task_id,
        reminder_id: firing.kind === 'reminder' ? (fromDbJson<string[]>(firing.reminder_ids)[0] ?? null) : null,
        integration_id: integration?.id ?? null, title: message.title.slice(0, 255), body: message.body, action_url: message.url.slice(0, 2048),
        channel: item.channel as NotificationChannel, driver: kind.driver.name, attempt: item.attempt, idempotency_key: message.idempotencyKey,
        status: outcome.ok ? 'sent' : 'failed', error_message: outcome.ok ? null : `${outcome.error.kind}: ${outcome.error.message}`, sent_at: outcome.ok ? toDbInstant(now) : null,
      });
    }
    await repository.insertAttempts(trx, attempts, now);
    for (const { ready, outcome } of results) {
      const { item, firing, integration } = ready;
      if (outcome.ok) {
        if (integration?.sync_status === 'error') await deps.integrations.update(trx, integration.user_id, integration.id, { sync_status: 'idle', error_log: null, last_sync_at: toDbInstant(now) }, now);
        continue;
      }
      const age = now.getTime() - fromDbInstant(firing.created_at).getTime();
      const wait = Math.max(retryDelayMs(item.attempt, deps.backoff), outcome.error.retryAfterMs ?? 0);
      if (outcome.error.retryable && age + wait < FALL_THROUGH_AFTER_MS) {
        await queue.enqueue(deliverNotificationJob, { ...item, attempt: item.attempt + 1 }, {
          idempotencyKey: `deliver:${deliveryKey(firing.fire_key, item.channel, item.integration_id)}:${item.attempt + 1}`, userId: firing.user_id, executor: trx, runAt: new Date(now.getTime() + wait),
        });
        continue;
      }
      await fallThrough(trx, queue, firing, item.tried);
      if (integration && outcome.error.kind === 'gone') {
        // The browser dropped the subscription: it will never work again; the user sees why in their channel list.
        await deps.integrations.update(trx, integration.user_id, integration.id, { enabled: false, sync_status: 'error', error_log: outcome.error.message, last_sync_at: toDbInstant(now) }, now);
      } else if (integration) await noteFailure(trx, queue, integration, item.channel, outcome.error.message, now);
    }
  }

  /** The next channel in the user's fall-through order that this firing has not tried yet, if they have one. */
  async function fallThrough(trx: Executor, queue: JobQueue, firing: FiringRow, tried: readonly string[]) {
    const available = await deps.configured(trx, firing.user_id);
    const candidates = (await deps.fallbackOrder(trx, firing.user_id)).filter((channel) => available.has(channel) && !tried.includes(channel));
    let next: NotificationChannel | undefined;
    for (const channel of candidates) {
      if (!(await capReached(trx, firing, channel))) {
        next = channel;
        break;
      }
    }
    if (!next) return;
    const targets: (string | null)[] = (await deps.integrations.enabledOf(trx, [firing.user_id], registry.typesOf(next))).map((row) => row.id);
    if (targets.length === 0 && next === 'email') targets.push(null);
    for (const integrationId of targets) {
      await queue.enqueue(
        deliverNotificationJob,
        { firing_id: firing.id, channel: next, integration_id: integrationId, attempt: 1, tried: [...tried, next] },
        { idempotencyKey: `deliver:${deliveryKey(firing.fire_key, next, integrationId)}:1`, userId: firing.user_id, executor: trx },
      );
    }
  }

  /** Whether the task had its SMS (or smart-home alerts) for the user's day already: the plan's cap holds for fall-throughs too. */
  async function capReached(trx: Executor, firing: FiringRow, channel: NotificationChannel): Promise<boolean> {
    const cap = deps.dailyCaps[channel];
    if (cap === undefined) return false;
    const taskIds = fromDbJson<string[]>(firing.task_ids);
    if (taskIds.length === 0) return false;
    const since = await deps.localDayStart(trx, firing.user_id, clock.now());
    for (const taskId of taskIds) if ((await repository.sentForTaskSince(trx, taskId, channel, since)) >= cap) return true;
    return false;
  }

  /** A channel that failed FAILING_STREAK times in a row is marked and named in the notification centre. */
  async function noteFailure(trx: Executor, queue: JobQueue, integration: IntegrationRow, channel: string, message: string, now: Date) {
    const recent = await repository.recentOutcomes(trx, integration.id, FAILING_STREAK);
    if (recent.length < FAILING_STREAK || recent.some((status) => status !== 'failed') || integration.sync_status === 'error') return;
    await deps.integrations.update(trx, integration.user_id, integration.id, { sync_status: 'error', error_log: message, last_sync_at: toDbInstant(now) }, now);
    const [user] = await repository.usersOf(trx, [integration.user_id]);
    const notice = channelFailingNotice({
      language: user?.language === 'en' ? 'en' : 'de', name: integration.name ?? integration.integration_type, attempts: FAILING_STREAK, reason: message,
      integrationId: integration.id, channel: channel as NotificationChannel,
    });
    await deps.notice(trx, queue, { userId: integration.user_id, key: `channel-failing:${integration.id}:${toDbInstant(now)}`, notice, silent: false });
  }

  async function run(items: readonly DeliveryItem[], context: JobContext, queue: JobQueue) {
    // Every concurrent send listens on the job's signal.
    setMaxListeners(SEND_CONCURRENCY + 10, context.signal);
    const ready = await prepare(context.db, items);
    // SEND_CONCURRENCY sends in flight; each that ends makes room for the next (a slow one holds up no group).
    const outcomes: Outcome[] = [];
    let next = 0;
    const lane = async () => {
      while (next < ready.length) {
        const index = next++;
        outcomes[index] = await send(ready[index]!, context.signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, ready.length) }, lane));
    const results = ready.map((entry, index) => ({ ready: entry, outcome: outcomes[index]! }));
    await context.complete((trx) => record(trx, queue, results, clock.now()));
  }

  function handlers(queue: JobQueue): JobRegistration[] {
    return [
      handle(deliverNotificationJob, async (payload, context) => run([payload], context, queue)),
      handle(deliverBatchJob, async (payload, context) => run(payload.items, context, queue)),
    ];
  }

  return { handlers };
}

function discreetBody(language: 'de' | 'en', count: number) {
  if (language === 'en') return count === 1 ? 'Workmate: 1 thing needs you' : `Workmate: ${count} things need you`;
  return count === 1 ? 'Workmate: 1 Sache braucht dich' : `Workmate: ${count} Sachen brauchen dich`;
}
