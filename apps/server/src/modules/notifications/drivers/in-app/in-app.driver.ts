/**
 * The in-app channel: the notification centre of the web app. An entry is a firing row (what the
 * centre lists, with its read/clicked marks) and an in-app attempt on it, written to this
 * instance's own database. The dispatcher records a whole batch of firings this way inside its
 * transaction (`record`), so a reminder that fired is always in the app, exactly once; open apps
 * hear of it through the live stream (notifications.live.ts). `send` records one message the same
 * way, which is what the channel contract suite exercises.
 *
 * There is no provider that could fail, hang or ask to slow down; a database error is the
 * dispatcher's transaction failing, and the whole batch is taken again.
 */
import Type, { type Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../db/schema.ts';
import { toDbInstant, toDbJson } from '../../../../db/values.ts';
import type { Clock } from '../../../../shared/clock/clock.ts';
import { newId } from '../../../../shared/ids/ids.ts';
import { checkCompiled } from '../../../../shared/validation/compiled.ts';
import type { NewAttempt, NewFiring, NotificationsRepository } from '../../notifications.repository.ts';
import { DeliveryError, type ChannelDriver, type DeliveryReceipt } from '../../notifications.types.ts';

export const InAppConfig = Type.Object({ user_id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export type InAppConfig = Static<typeof InAppConfig>;
const NoCredentials = Type.Object({}, { additionalProperties: false });

/** A firing to show in the app, and the reminder it is about (the attempt row names it). */
export type InAppEntry = NewFiring & { reminderId: string | null };

export type InAppDriver = ChannelDriver<InAppConfig, Record<string, never>> & {
  /** Writes the entries and their in-app attempts; an entry whose `fire_key` exists already is skipped. Returns the ids that are new. */
  record(executor: Kysely<Database>, entries: readonly InAppEntry[]): Promise<Set<string>>;
};

export function createInAppDriver(deps: { db: Kysely<Database>; repository: NotificationsRepository; publicUrl: string; clock: Clock }): InAppDriver {
  const origin = new URL(deps.publicUrl).origin;

  async function record(executor: Kysely<Database>, entries: readonly InAppEntry[]): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const now = deps.clock.now();
    const created = await deps.repository.insertFirings(executor, entries.map(({ reminderId: _reminderId, ...row }) => row), now);
    const attempts: NewAttempt[] = entries.filter((entry) => created.has(entry.id)).map((entry) => ({
      id: newId(), user_id: entry.user_id, firing_id: entry.id, task_id: entry.task_id, reminder_id: entry.reminderId,
      integration_id: null, title: entry.title, body: entry.body, action_url: entry.action_url, channel: 'in_app', driver: 'in-app', attempt: 1,
      idempotency_key: `${entry.fire_key}:in_app`, status: 'sent', error_message: null, sent_at: toDbInstant(now),
    }));
    await deps.repository.insertAttempts(executor, attempts, now);
    return created;
  }

  return {
    channel: 'in_app',
    name: 'in-app',
    configSchema: InAppConfig,
    credentialsSchema: NoCredentials,
    // The idempotency key is the entry's unique fire key: the same delivery twice is one entry.
    deduplicates: true,
    record,

    async send(message, target, options): Promise<DeliveryReceipt> {
      if (!checkCompiled(InAppConfig, target.config)) throw new DeliveryError('configuration', 'The in-app channel needs the user id of the account');
      if (options.signal.aborted) throw new DeliveryError('provider', 'The in-app delivery was aborted');
      const url = new URL(message.url, origin);
      const entry: InAppEntry = {
        // The task ids travel in `task_ids` (a message may name a task that is gone by now; `task_id` is a foreign key).
        id: newId(), user_id: target.config.user_id, task_id: null,
        kind: 'system', severity: message.severity, title: message.title.slice(0, 255), body: message.body,
        // The centre links within the app: a path for this instance's own pages, the whole URL otherwise.
        action_url: (url.origin === origin ? `${url.pathname}${url.search}` : url.toString()).slice(0, 2048),
        fire_key: `in_app:${message.idempotencyKey}`.slice(0, 255), reminder_ids: '[]', task_ids: toDbJson(message.references.taskIds), silent: message.silent, reminderId: null,
      };
      const created = await record(deps.db, [entry]);
      if (created.has(entry.id)) return { providerMessageId: entry.id };
      const existing = await deps.db.selectFrom('notification_firings').select('id').where('fire_key', '=', entry.fire_key).executeTakeFirst();
      return existing ? { providerMessageId: existing.id } : {};
    },
  };
}
