/**
 * Reminder engine issue.
 * - `reminders.fire_at`: when the reminder fires next (its trigger time, a snooze, or the end of
 *   quiet hours); NULL once it fired or was cancelled. The dispatcher scans this one column.
 *   `held_from` keeps the planned time of a reminder that quiet hours moved.
 * - `notification_firings`: what the user sees in the notification centre, one row per firing of a
 *   reminder (or per digest / system message); the seed's `notifications` rows become the delivery
 *   attempts of a firing, one per channel and try (`firing_id`, `driver`, `attempt`,
 *   `idempotency_key`, `integration_id`).
 * - `instance_settings`: instance-wide secrets generated once (the VAPID key pair), sealed with the
 *   master key.
 * - `used_action_tokens`: signed e-mail action links are single-use.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.types.ts';
import { schemaKit } from './schema-kit.ts';
import { REMINDER_SEVERITIES } from '../db/schema.ts';

export const reminderEngine: Migration = {
  name: '0008-reminder-engine',
  async up({ db, dialect }) {
    const k = schemaKit(dialect);
    await db.schema.alterTable('reminders').addColumn(...k.instant('fire_at')).execute();
    await db.schema.alterTable('reminders').addColumn(...k.instant('held_from')).execute();
    await sql`UPDATE reminders SET fire_at = trigger_at WHERE status = 'pending'`.execute(db);
    // The dispatcher's scan (pending, oldest fire_at first) and "does this task have pending reminders":
    // two-column indexes, so that without statistics neither database settles for idx_reminders_status.
    await db.schema.createIndex('idx_reminders_due').on('reminders').columns(['status', 'fire_at']).execute();
    await db.schema.createIndex('idx_reminders_task_status').on('reminders').columns(['task_id', 'status']).execute();

    await db.schema
      .createTable('notification_firings')
      .addColumn(...k.id())
      .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
      .addColumn(...k.reference('task_id', 'tasks', 'cascade'))
      .addColumn(...k.enumeration('kind', ['reminder', 'digest', 'system']))
      .addColumn(...k.enumeration('severity', REMINDER_SEVERITIES, { nullable: true }))
      .addColumn(...k.varchar('title', 255, (c) => c.notNull()))
      .addColumn(...k.text('body', (c) => c.notNull()))
      .addColumn(...k.varchar('action_url', 2048))
      .addColumn(...k.varchar('fire_key', 255, (c) => c.notNull().unique()))
      .addColumn(...k.jsonWithDefault('reminder_ids', 'array'))
      .addColumn(...k.jsonWithDefault('task_ids', 'array'))
      .addColumn(...k.boolean('silent', false))
      .addColumn(...k.stamp('created_at'))
      .addColumn(...k.instant('read_at'))
      .addColumn(...k.instant('clicked_at'))
      .execute();
    await db.schema.createIndex('idx_notification_firings_user').on('notification_firings').columns(['user_id', 'created_at']).execute();
    await db.schema.createIndex('idx_notification_firings_task').on('notification_firings').column('task_id').execute();

    await db.schema.alterTable('notifications').addColumn(...k.reference('firing_id', 'notification_firings', 'cascade')).execute();
    await db.schema.alterTable('notifications').addColumn(...k.reference('integration_id', 'integrations', 'set null')).execute();
    await db.schema.alterTable('notifications').addColumn(...k.varchar('driver', 50)).execute();
    await db.schema.alterTable('notifications').addColumn(...k.integer('attempt', (c) => c.notNull().defaultTo(1).check(sql`attempt >= 1`))).execute();
    await db.schema.alterTable('notifications').addColumn(...k.varchar('idempotency_key', 255)).execute();
    await db.schema.createIndex('idx_notifications_firing').on('notifications').column('firing_id').execute();
    await db.schema.createIndex('idx_notifications_integration').on('notifications').column('integration_id').execute();

    await db.schema
      .createTable('instance_settings')
      .addColumn(...k.varchar('id', 100, (c) => c.primaryKey()))
      .addColumn(...k.text('value_encrypted', (c) => c.notNull()))
      .addColumn(...k.stamp('created_at'))
      .execute();

    await db.schema
      .createTable('used_action_tokens')
      .addColumn(...k.varchar('token_id', 64, (c) => c.primaryKey()))
      .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
      .addColumn(...k.instant('expires_at', (c) => c.notNull()))
      .addColumn(...k.stamp('used_at'))
      .execute();
    await db.schema.createIndex('idx_used_action_tokens_user').on('used_action_tokens').column('user_id').execute();
    await db.schema.createIndex('idx_used_action_tokens_expires').on('used_action_tokens').column('expires_at').execute();
  },
};
