/**
 * The seed's 13 tables (../shared/seed/data-model.md), translated for SQLite and PostgreSQL,
 * plus the jobs queue and the events outbox. Every deviation from the seed is explained in
 * docs/data-model.md.
 */
import { sql, type Kysely } from 'kysely';
import {
  CALENDAR_SYNC_STATUSES, DOCUMENT_TYPES, INTEGRATION_SYNC_STATUSES, JOB_STATUSES, NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES, PROCESSING_STATUSES, RECURRENCE_FREQUENCIES, REMINDER_SEVERITIES, REMINDER_STATUSES,
  STORAGE_BACKENDS, TASK_PRIORITIES, TASK_STATUSES,
} from '../db/schema.ts';
import type { Migration } from './migration.types.ts';
import { schemaKit, type SchemaKit } from './schema-kit.ts';
import { createFullTextSearch } from './0001-initial-schema.search.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
type Db = Kysely<any>;

export const initialSchema: Migration = {
  name: '0001-initial-schema',
  async up({ db, dialect }) {
    const k = schemaKit(dialect);
    await createUsers(db, k);
    await createFiles(db, k);
    await createDocuments(db, k);
    await createTasks(db, k);
    await createReminders(db, k);
    await createCalendarEvents(db, k);
    await createIntegrations(db, k);
    await createNotifications(db, k);
    await createSessions(db, k);
    await createTags(db, k);
    await createRecurrenceRules(db, k);
    await createTaskDependencies(db, k);
    await createTaskTags(db, k);
    await createJobs(db, k);
    await createOutboxEvents(db, k);
    await createFullTextSearch(db, dialect);
  },
};

async function createUsers(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('users')
    .addColumn(...k.id())
    .addColumn(...k.varchar('username', 50, (c) => c.notNull().unique()))
    .addColumn(...k.varchar('email', 255, (c) => c.notNull().unique()))
    .addColumn(...k.varchar('password_hash', 255, (c) => c.notNull()))
    .addColumn(...k.varchar('full_name', 100))
    .addColumn(...k.varchar('timezone', 50, (c) => c.notNull().defaultTo('UTC')))
    .addColumn(...k.enumeration('language', ['de', 'en'], { default: 'de' }))
    .addColumn(...k.jsonWithDefault('notification_preferences', 'object'))
    .addColumn(...k.jsonWithDefault('ui_preferences', 'object'))
    .addColumn(...k.boolean('is_active', true))
    .addColumn(...k.boolean('is_verified', false))
    .addColumn(...k.boolean('two_factor_enabled', false))
    .addColumn(...k.text('two_factor_secret'))
    .addColumn(...k.enumeration('role', ['admin', 'user'], { default: 'user' }))
    .addColumn(...k.boolean('password_change_required', false))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.stamp('updated_at'))
    .addColumn(...k.instant('last_login_at'))
    .addCheckConstraint('users_two_factor_secret_check', sql`two_factor_enabled = ${k.dialect === 'sqlite' ? sql.lit(0) : sql.lit(false)} OR two_factor_secret IS NOT NULL`)
    .execute();
  // The seed's lookup indexes, made case-insensitive: "Anna@Example.org" and "anna@example.org" are one account.
  await db.schema.createIndex('idx_users_email').on('users').unique().expression(sql`lower(email)`).execute();
  await db.schema.createIndex('idx_users_username').on('users').unique().expression(sql`lower(username)`).execute();
}

async function createFiles(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('files')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('path', 500, (c) => c.notNull()))
    .addColumn(...k.varchar('original_filename', 255, (c) => c.notNull()))
    .addColumn(...k.bigint('size_bytes', (c) => c.notNull().check(sql`size_bytes >= 0`)))
    .addColumn(...k.varchar('mime_type', 100, (c) => c.notNull()))
    .addColumn(...k.varchar('checksum', 64, (c) => c.notNull().check(sql`length(checksum) = 64`)))
    .addColumn(...k.enumeration('storage_backend', STORAGE_BACKENDS, { default: 'local' }))
    .addColumn(...k.varchar('thumbnail_path', 500))
    .addColumn(...k.text('extracted_text'))
    .addColumn(...k.varchar('ocr_language', 20))
    .addColumn(...k.stamp('created_at'))
    .execute();
  await db.schema.createIndex('idx_files_user_id').on('files').column('user_id').execute();
  await db.schema.createIndex('idx_files_checksum').on('files').columns(['user_id', 'checksum']).execute();
  await db.schema.createIndex('idx_files_created_at').on('files').column('created_at').execute();
}

async function createDocuments(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('documents')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.reference('file_id', 'files', 'cascade', (c) => c.notNull()))
    .addColumn(...k.enumeration('type', DOCUMENT_TYPES))
    .addColumn(...k.varchar('title', 255))
    .addColumn(...k.jsonWithDefault('metadata', 'object'))
    .addColumn(...k.enumeration('processing_status', PROCESSING_STATUSES, { default: 'pending' }))
    .addColumn(...k.text('processing_error'))
    .addColumn(...k.double('confidence_score', (c) => c.check(sql`confidence_score >= 0 AND confidence_score <= 1`)))
    .addColumn(...k.text('extracted_text'))
    .addColumn(...k.stamp('uploaded_at'))
    .addColumn(...k.instant('processed_at'))
    .addColumn(...k.stamp('updated_at'))
    .addColumn(...k.instant('deleted_at'))
    .execute();
  await db.schema.createIndex('idx_documents_user_id').on('documents').column('user_id').execute();
  await db.schema.createIndex('idx_documents_user_type').on('documents').columns(['user_id', 'type']).execute();
  await db.schema.createIndex('idx_documents_status').on('documents').column('processing_status').execute();
  await db.schema.createIndex('idx_documents_uploaded_at').on('documents').columns(['user_id', 'uploaded_at']).execute();
  await db.schema.createIndex('idx_documents_file_id').on('documents').column('file_id').execute();
}

async function createTasks(db: Db, k: SchemaKit) {
  const isDone = sql`status = 'done'`;
  await db.schema
    .createTable('tasks')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.reference('document_id', 'documents', 'set null'))
    .addColumn(...k.reference('parent_task_id', 'tasks', 'cascade'))
    .addColumn(...k.varchar('title', 255, (c) => c.notNull()))
    .addColumn(...k.text('description'))
    .addColumn(...k.instant('due_date'))
    .addColumn(...k.boolean('due_is_date', false))
    .addColumn(...k.integer('estimated_duration_minutes', (c) => c.check(sql`estimated_duration_minutes > 0`)))
    .addColumn(...k.enumeration('status', TASK_STATUSES, { default: 'open' }))
    .addColumn(...k.enumeration('priority', TASK_PRIORITIES, { default: 'medium' }))
    .addColumn(...k.bigint('amount'))
    .addColumn(...k.varchar('currency', 3, (c) => c.notNull().defaultTo('EUR').check(sql`length(currency) = 3 AND upper(currency) = currency`)))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.stamp('updated_at'))
    .addColumn(...k.instant('completed_at'))
    .addCheckConstraint('tasks_not_own_parent', sql`parent_task_id IS NULL OR parent_task_id <> id`)
    .addCheckConstraint('tasks_completed_at_follows_status', sql`(${isDone} AND completed_at IS NOT NULL) OR (NOT ${isDone} AND completed_at IS NULL)`)
    .addCheckConstraint('tasks_date_flag_needs_date', sql`due_date IS NOT NULL OR due_is_date = ${k.dialect === 'sqlite' ? sql.lit(0) : sql.lit(false)}`)
    .execute();
  await db.schema.createIndex('idx_tasks_user_id').on('tasks').column('user_id').execute();
  await db.schema.createIndex('idx_tasks_user_status').on('tasks').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('idx_tasks_user_priority').on('tasks').columns(['user_id', 'priority']).execute();
  await db.schema.createIndex('idx_tasks_due_date_status').on('tasks').columns(['due_date', 'status']).execute();
  await db.schema.createIndex('idx_tasks_document_id').on('tasks').column('document_id').execute();
  await db.schema.createIndex('idx_tasks_parent_id').on('tasks').column('parent_task_id').execute();
}

async function createReminders(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('reminders')
    .addColumn(...k.id())
    .addColumn(...k.reference('task_id', 'tasks', 'cascade', (c) => c.notNull()))
    .addColumn(...k.instant('trigger_at', (c) => c.notNull()))
    .addColumn(...k.enumeration('severity', REMINDER_SEVERITIES))
    .addColumn(...k.jsonWithDefault('channels', 'array'))
    .addColumn(...k.text('message', (c) => c.notNull()))
    .addColumn(...k.enumeration('status', REMINDER_STATUSES, { default: 'pending' }))
    .addColumn(...k.instant('sent_at'))
    .addColumn(...k.text('error_message'))
    .addColumn(...k.instant('acknowledged_at'))
    .addColumn(...k.instant('snoozed_until'))
    .addColumn(...k.stamp('created_at'))
    .execute();
  await db.schema.createIndex('idx_reminders_task_id').on('reminders').column('task_id').execute();
  await db.schema.createIndex('idx_reminders_trigger_status').on('reminders').columns(['trigger_at', 'status']).execute();
  await db.schema.createIndex('idx_reminders_status').on('reminders').column('status').execute();
}

async function createCalendarEvents(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('calendar_events')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.reference('task_id', 'tasks', 'cascade'))
    .addColumn(...k.varchar('title', 255, (c) => c.notNull()))
    .addColumn(...k.text('description'))
    .addColumn(...k.instant('start_time', (c) => c.notNull()))
    .addColumn(...k.instant('end_time', (c) => c.notNull()))
    .addColumn(...k.boolean('all_day', false))
    .addColumn(...k.varchar('external_calendar_id', 255))
    .addColumn(...k.varchar('external_event_id', 255))
    .addColumn(...k.enumeration('sync_status', CALENDAR_SYNC_STATUSES, { default: 'pending' }))
    .addColumn(...k.instant('last_synced_at'))
    .addColumn(...k.json('conflict_data', 'object'))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.stamp('updated_at'))
    .addCheckConstraint('calendar_events_ends_after_start', sql`end_time >= start_time`)
    .execute();
  await db.schema.createIndex('idx_calendar_user_id').on('calendar_events').column('user_id').execute();
  await db.schema.createIndex('idx_calendar_task_id').on('calendar_events').column('task_id').execute();
  await db.schema.createIndex('idx_calendar_user_start').on('calendar_events').columns(['user_id', 'start_time']).execute();
  await db.schema.createIndex('idx_calendar_start_time').on('calendar_events').column('start_time').execute();
  await db.schema.createIndex('idx_calendar_external_id').on('calendar_events').column('external_event_id').execute();
  await db.schema.createIndex('idx_calendar_sync_status').on('calendar_events').column('sync_status').execute();
}

async function createIntegrations(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('integrations')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('integration_type', 50, (c) => c.notNull().check(sql`integration_type <> ''`)))
    .addColumn(...k.varchar('name', 100))
    .addColumn(...k.boolean('enabled', false))
    .addColumn(...k.jsonWithDefault('config', 'object'))
    .addColumn(...k.text('credentials_encrypted'))
    .addColumn(...k.enumeration('sync_status', INTEGRATION_SYNC_STATUSES, { default: 'idle' }))
    .addColumn(...k.instant('last_sync_at'))
    .addColumn(...k.text('error_log'))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.stamp('updated_at'))
    .execute();
  await db.schema.createIndex('idx_integrations_user_id').on('integrations').column('user_id').execute();
  await db.schema.createIndex('idx_integrations_type').on('integrations').column('integration_type').execute();
  await db.schema.createIndex('idx_integrations_enabled').on('integrations').column('enabled').execute();
}

async function createNotifications(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('notifications')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.reference('task_id', 'tasks', 'cascade'))
    .addColumn(...k.reference('reminder_id', 'reminders', 'cascade'))
    .addColumn(...k.varchar('title', 255, (c) => c.notNull()))
    .addColumn(...k.text('body'))
    .addColumn(...k.varchar('action_url', 2048))
    .addColumn(...k.enumeration('channel', NOTIFICATION_CHANNELS))
    .addColumn(...k.enumeration('status', NOTIFICATION_STATUSES, { default: 'pending' }))
    .addColumn(...k.text('error_message'))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.instant('sent_at'))
    .addColumn(...k.instant('read_at'))
    .addColumn(...k.instant('clicked_at'))
    .execute();
  await db.schema.createIndex('idx_notifications_user_id').on('notifications').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('idx_notifications_task_id').on('notifications').column('task_id').execute();
  await db.schema.createIndex('idx_notifications_reminder_id').on('notifications').column('reminder_id').execute();
  await db.schema.createIndex('idx_notifications_status').on('notifications').column('status').execute();
  await db.schema.createIndex('idx_notifications_channel').on('notifications').column('channel').execute();
  await db.schema.createIndex('idx_notifications_sent_at').on('notifications').column('sent_at').execute();
}

async function createSessions(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('sessions')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('token_hash', 255, (c) => c.notNull().unique()))
    .addColumn(...k.varchar('refresh_token_hash', 255, (c) => c.unique()))
    .addColumn(...k.enumeration('device_type', ['web', 'android', 'ios'], { nullable: true }))
    .addColumn(...k.varchar('device_name', 100))
    .addColumn(...k.varchar('os', 50))
    .addColumn(...k.text('user_agent'))
    .addColumn(...k.varchar('ip_address', 45))
    .addColumn(...k.varchar('city', 100))
    .addColumn(...k.varchar('country', 2))
    .addColumn(...k.boolean('is_suspicious', false))
    .addColumn(...k.instant('expires_at', (c) => c.notNull()))
    .addColumn(...k.instant('last_active', (c) => c.notNull()))
    .addColumn(...k.stamp('created_at'))
    .execute();
  await db.schema.createIndex('idx_sessions_user_id').on('sessions').column('user_id').execute();
  await db.schema.createIndex('idx_sessions_expires_at').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('idx_sessions_suspicious').on('sessions').column('is_suspicious').execute();
}

async function createTags(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('tags')
    .addColumn(...k.id())
    .addColumn(...k.reference('user_id', 'users', 'cascade', (c) => c.notNull()))
    .addColumn(...k.varchar('name', 50, (c) => c.notNull().check(sql`length(trim(name)) > 0`)))
    .addColumn(...k.stamp('created_at'))
    .addUniqueConstraint('tags_user_id_name_unique', ['user_id', 'name'])
    .execute();
  await db.schema.createIndex('idx_tags_name').on('tags').column('name').execute();
}

async function createRecurrenceRules(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('recurrence_rules')
    .addColumn(...k.id())
    .addColumn(...k.reference('task_id', 'tasks', 'cascade', (c) => c.notNull().unique()))
    .addColumn(...k.enumeration('frequency', RECURRENCE_FREQUENCIES))
    .addColumn(...k.integer('interval', (c) => c.notNull().defaultTo(1).check(sql`${sql.ref('interval')} >= 1`)))
    .addColumn(...k.instant('end_date'))
    .addColumn(...k.integer('occurrences_count', (c) => c.check(sql`occurrences_count >= 1`)))
    .addColumn(...k.stamp('created_at'))
    .execute();
}

async function createTaskDependencies(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('task_dependencies')
    .addColumn(...k.reference('parent_task_id', 'tasks', 'cascade', (c) => c.notNull()))
    .addColumn(...k.reference('child_task_id', 'tasks', 'cascade', (c) => c.notNull()))
    .addColumn(...k.stamp('created_at'))
    .addPrimaryKeyConstraint('task_dependencies_pkey', ['parent_task_id', 'child_task_id'])
    .addCheckConstraint('task_dependencies_not_self', sql`parent_task_id <> child_task_id`)
    .execute();
  await db.schema.createIndex('idx_task_dep_child').on('task_dependencies').column('child_task_id').execute();
}

async function createTaskTags(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('task_tags')
    .addColumn(...k.reference('task_id', 'tasks', 'cascade', (c) => c.notNull()))
    .addColumn(...k.reference('tag_id', 'tags', 'cascade', (c) => c.notNull()))
    .addColumn(...k.stamp('created_at'))
    .addPrimaryKeyConstraint('task_tags_pkey', ['task_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('idx_task_tags_tag').on('task_tags').column('tag_id').execute();
}

/** Durable job queue (jobs/): one row per job, claimed with a lease. */
async function createJobs(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('jobs')
    .addColumn(...k.id())
    .addColumn(...k.varchar('name', 100, (c) => c.notNull()))
    .addColumn(...k.json('payload', 'object', (c) => c.notNull()))
    .addColumn(...k.varchar('idempotency_key', 255, (c) => c.notNull().unique()))
    .addColumn(...k.enumeration('status', JOB_STATUSES, { default: 'queued' }))
    .addColumn(...k.integer('attempts', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`)))
    .addColumn(...k.integer('max_attempts', (c) => c.notNull().check(sql`max_attempts >= 1`)))
    .addColumn(...k.instant('run_at', (c) => c.notNull()))
    .addColumn(...k.uuid('lease_token'))
    .addColumn(...k.varchar('leased_by', 100))
    .addColumn(...k.instant('lease_expires_at'))
    .addColumn(...k.text('last_error'))
    .addColumn(...k.reference('user_id', 'users', 'cascade'))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.stamp('updated_at'))
    .addColumn(...k.instant('finished_at'))
    .addCheckConstraint('jobs_running_has_lease', sql`status <> 'running' OR (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('idx_jobs_status_run_at').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('idx_jobs_status_lease').on('jobs').columns(['status', 'lease_expires_at']).execute();
  await db.schema.createIndex('idx_jobs_user_id').on('jobs').column('user_id').execute();
}

/** Transactional outbox (events/): written with the change that raises the event. */
async function createOutboxEvents(db: Db, k: SchemaKit) {
  await db.schema
    .createTable('outbox_events')
    .addColumn(...k.id())
    .addColumn(...k.varchar('type', 100, (c) => c.notNull()))
    .addColumn(...k.json('payload', 'object', (c) => c.notNull()))
    .addColumn(...k.reference('user_id', 'users', 'cascade'))
    .addColumn(...k.stamp('created_at'))
    .addColumn(...k.instant('dispatched_at'))
    .execute();
  await db.schema
    .createIndex('idx_outbox_events_undispatched')
    .on('outbox_events')
    .column('created_at')
    .where(sql.ref('dispatched_at'), 'is', null)
    .execute();
  await db.schema.createIndex('idx_outbox_events_user_id').on('outbox_events').column('user_id').execute();
}
