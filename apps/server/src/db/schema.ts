/**
 * Kysely's view of the schema built by the migrations. Column names follow the seed
 * (`../shared/seed/data-model.md`); deviations are listed in docs/data-model.md.
 * Booleans read as `boolean | number` and JSON as `unknown` because SQLite and PostgreSQL
 * return them differently; repositories convert them with the helpers in values.ts.
 */
import type { ColumnType } from 'kysely';
import type { DbInstant } from './values.ts';

type CreatedInstant = ColumnType<DbInstant, DbInstant | undefined, never>;
type UpdatedInstant = ColumnType<DbInstant, DbInstant | undefined, DbInstant>;
type DbBool = ColumnType<boolean | number, boolean | undefined, boolean>;
type DbJson = ColumnType<unknown, string | undefined, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UsersTable {
  id: string;
  username: string;
  email: string;
  password_hash: string;
  full_name: string | null;
  timezone: Defaulted<string>;
  language: Defaulted<'de' | 'en'>;
  notification_preferences: DbJson;
  ui_preferences: DbJson;
  is_active: DbBool;
  is_verified: DbBool;
  two_factor_enabled: DbBool;
  two_factor_secret: string | null;
  role: Defaulted<'admin' | 'user'>;
  password_change_required: DbBool;
  created_at: CreatedInstant;
  updated_at: UpdatedInstant;
  last_login_at: DbInstant | null;
  last_totp_step: number | null;
}

export const DOCUMENT_TYPES = [
  'invoice', 'credit_note', 'reminder', 'contract', 'receipt', 'appointment', 'other',
  'tax_document', 'insurance', 'prescription', 'identity_document', 'payslip', 'bank_statement',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const PROCESSING_STATUSES = ['pending', 'processing', 'done', 'failed'] as const;

export interface DocumentsTable {
  id: string;
  user_id: string;
  file_id: string;
  type: DocumentType;
  title: string | null;
  metadata: DbJson;
  processing_status: Defaulted<(typeof PROCESSING_STATUSES)[number]>;
  processing_error: string | null;
  confidence_score: number | null;
  extracted_text: string | null;
  uploaded_at: CreatedInstant;
  processed_at: DbInstant | null;
  updated_at: UpdatedInstant;
  deleted_at: DbInstant | null;
}

export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;

export interface TasksTable {
  id: string;
  user_id: string;
  document_id: string | null;
  parent_task_id: string | null;
  title: string;
  description: string | null;
  due_date: DbInstant | null;
  due_is_date: DbBool;
  estimated_duration_minutes: number | null;
  status: Defaulted<(typeof TASK_STATUSES)[number]>;
  priority: Defaulted<(typeof TASK_PRIORITIES)[number]>;
  /** Integer minor units of `currency` (8999 = 89.99 EUR). */
  amount: number | null;
  currency: Defaulted<string>;
  created_at: CreatedInstant;
  updated_at: UpdatedInstant;
  completed_at: DbInstant | null;
  priority_source: Defaulted<'auto' | 'manual'>;
  series_id: string | null;
  series_index: number | null;
  details: DbJson;
  user_edited_at: DbInstant | null;
}

export const REMINDER_SEVERITIES = ['info', 'warning', 'urgent', 'critical'] as const;
export const REMINDER_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type ReminderSeverity = (typeof REMINDER_SEVERITIES)[number];

export interface RemindersTable {
  id: string;
  task_id: string;
  trigger_at: DbInstant;
  severity: (typeof REMINDER_SEVERITIES)[number];
  channels: DbJson;
  message: string;
  status: Defaulted<(typeof REMINDER_STATUSES)[number]>;
  sent_at: DbInstant | null;
  error_message: string | null;
  acknowledged_at: DbInstant | null;
  snoozed_until: DbInstant | null;
  created_at: CreatedInstant;
  /** When it fires next (trigger, snooze or end of quiet hours); NULL once fired or cancelled. */
  fire_at: DbInstant | null;
  /** The planned time of a reminder that quiet hours moved to their end. */
  held_from: DbInstant | null;
}

export const CALENDAR_SYNC_STATUSES = ['pending', 'synced', 'conflict', 'failed'] as const;

export interface CalendarEventsTable {
  id: string;
  user_id: string;
  task_id: string | null;
  title: string;
  description: string | null;
  start_time: DbInstant;
  end_time: DbInstant;
  all_day: DbBool;
  external_calendar_id: string | null;
  external_event_id: string | null;
  sync_status: Defaulted<(typeof CALENDAR_SYNC_STATUSES)[number]>;
  last_synced_at: DbInstant | null;
  conflict_data: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedInstant;
  updated_at: UpdatedInstant;
}

export const INTEGRATION_SYNC_STATUSES = ['idle', 'syncing', 'error'] as const;

export interface IntegrationsTable {
  id: string;
  user_id: string;
  integration_type: string;
  name: string | null;
  enabled: DbBool;
  config: DbJson;
  credentials_encrypted: string | null;
  sync_status: Defaulted<(typeof INTEGRATION_SYNC_STATUSES)[number]>;
  last_sync_at: DbInstant | null;
  error_log: string | null;
  created_at: CreatedInstant;
  updated_at: UpdatedInstant;
}

export const NOTIFICATION_CHANNELS = [
  'in_app', 'push', 'email', 'sms', 'telegram', 'whatsapp', 'discord', 'signal', 'smart_home',
] as const;
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export interface NotificationsTable {
  id: string;
  user_id: string;
  task_id: string | null;
  reminder_id: string | null;
  title: string;
  body: string | null;
  action_url: string | null;
  channel: (typeof NOTIFICATION_CHANNELS)[number];
  status: Defaulted<(typeof NOTIFICATION_STATUSES)[number]>;
  error_message: string | null;
  created_at: CreatedInstant;
  sent_at: DbInstant | null;
  read_at: DbInstant | null;
  clicked_at: DbInstant | null;
  firing_id: string | null;
  integration_id: string | null;
  driver: string | null;
  attempt: Defaulted<number>;
  idempotency_key: string | null;
}

/** One entry of the notification centre: a reminder's firing, a digest of several, or a system message. */
export interface NotificationFiringsTable {
  id: string;
  user_id: string;
  task_id: string | null;
  kind: 'reminder' | 'digest' | 'system';
  severity: ReminderSeverity | null;
  title: string;
  body: string;
  action_url: string | null;
  fire_key: string;
  reminder_ids: DbJson;
  task_ids: DbJson;
  /** Sent during the user's quiet hours: providers are asked for no sound. */
  silent: DbBool;
  created_at: CreatedInstant;
  read_at: DbInstant | null;
  clicked_at: DbInstant | null;
}

export interface InstanceSettingsTable {
  /** The setting's name ("vapid"). */
  id: string;
  value_encrypted: string;
  created_at: CreatedInstant;
}

export interface UsedActionTokensTable {
  token_id: string;
  user_id: string;
  expires_at: DbInstant;
  used_at: CreatedInstant;
}

/** One-time codes linking a Telegram chat to an account (migration 0009). */
export interface SenderProfilesTable {
  id: string;
  user_id: string;
  /** `vat:<id>`, `iban:<iban>` or `name:<normalised name>`. */
  sender_key: string;
  /** JSON SenderProfile (modules/learning). */
  profile: DbJson;
  created_at: CreatedInstant;
  updated_at: UpdatedInstant;
}

export interface TelegramLinkCodesTable {
  /** SHA-256 (hex) of the code; the code itself is never stored. */
  code_hash: string;
  user_id: string;
  expires_at: DbInstant;
  used_at: DbInstant | null;
  /** The chat that used the code. */
  chat_id: number | null;
  created_at: CreatedInstant;
}

/** Who receives a bot's updates (a lease) and the offset confirmed so far, one row per bot. */
export interface TelegramUpdateStateTable {
  bot_id: string;
  holder: string | null;
  lease_expires_at: DbInstant | null;
  /** The next getUpdates offset (the highest update id handed over, plus one). */
  update_offset: number | null;
  /** When the offset last moved: Telegram forgets updates after 24 hours, and may restart ids after a week. */
  offset_at: DbInstant | null;
  updated_at: UpdatedInstant;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  refresh_token_hash: string | null;
  device_type: 'web' | 'android' | 'ios' | null;
  device_name: string | null;
  os: string | null;
  user_agent: string | null;
  ip_address: string | null;
  city: string | null;
  country: string | null;
  is_suspicious: DbBool;
  expires_at: DbInstant;
  last_active: DbInstant;
  created_at: CreatedInstant;
  access_expires_at: DbInstant;
  kind: Defaulted<'bearer' | 'cookie'>;
  csrf_token_hash: string | null;
  network: string | null;
}

export interface TagsTable {
  id: string;
  user_id: string;
  name: string;
  name_key: Defaulted<string>;
  created_at: CreatedInstant;
}

export const STORAGE_BACKENDS = ['local', 's3'] as const;

export interface FilesTable {
  id: string;
  user_id: string;
  path: string;
  original_filename: string;
  size_bytes: number;
  mime_type: string;
  checksum: string;
  storage_backend: Defaulted<(typeof STORAGE_BACKENDS)[number]>;
  thumbnail_path: string | null;
  extracted_text: string | null;
  ocr_language: string | null;
  created_at: CreatedInstant;
}

/** The files of a document made from several photos, in page order (migration 0007). */
export interface DocumentPagesTable {
  document_id: string;
  file_id: string;
  page_index: number;
}

export const RECURRENCE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'yearly'] as const;

export interface RecurrenceRulesTable {
  id: string;
  task_id: string;
  frequency: (typeof RECURRENCE_FREQUENCIES)[number];
  interval: Defaulted<number>;
  end_date: DbInstant | null;
  occurrences_count: number | null;
  created_at: CreatedInstant;
  anchor: Defaulted<'due' | 'completion'>;
  series_start: DbInstant | null;
}

export interface TaskDependenciesTable {
  parent_task_id: string;
  child_task_id: string;
  created_at: CreatedInstant;
}

export interface TaskTagsTable {
  task_id: string;
  tag_id: string;
  created_at: CreatedInstant;
}

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobsTable {
  id: string;
  name: string;
  payload: DbJson;
  idempotency_key: string;
  status: Defaulted<JobStatus>;
  attempts: Defaulted<number>;
  max_attempts: number;
  run_at: DbInstant;
  lease_token: string | null;
  leased_by: string | null;
  lease_expires_at: DbInstant | null;
  last_error: string | null;
  user_id: string | null;
  created_at: CreatedInstant;
  updated_at: UpdatedInstant;
  finished_at: DbInstant | null;
}

export interface OutboxEventsTable {
  id: string;
  type: string;
  payload: DbJson;
  user_id: string | null;
  created_at: CreatedInstant;
  dispatched_at: DbInstant | null;
}

export interface SessionRotatedTokensTable {
  token_hash: string;
  session_id: string;
  rotated_at: DbInstant;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: DbInstant;
  last_used_at: DbInstant | null;
  expires_at: DbInstant | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: DbInstant | null;
  created_at: DbInstant;
}

export interface AuthFailuresTable {
  id: string;
  scope: 'account' | 'ip';
  subject: string;
  failed_at: DbInstant;
}

export interface KnownDevicesTable {
  id: string;
  user_id: string;
  device_type: string;
  os: string;
  network: string;
  country: string | null;
  first_seen_at: DbInstant;
  last_seen_at: DbInstant;
}

export interface InvitesTable {
  id: string;
  token_hash: string;
  created_by: string;
  email: string | null;
  expires_at: DbInstant;
  used_at: DbInstant | null;
  used_by: string | null;
  created_at: DbInstant;
}

export interface Database {
  users: UsersTable;
  documents: DocumentsTable;
  tasks: TasksTable;
  reminders: RemindersTable;
  calendar_events: CalendarEventsTable;
  integrations: IntegrationsTable;
  notifications: NotificationsTable;
  notification_firings: NotificationFiringsTable;
  instance_settings: InstanceSettingsTable;
  used_action_tokens: UsedActionTokensTable;
  telegram_link_codes: TelegramLinkCodesTable;
  sender_profiles: SenderProfilesTable;
  telegram_update_state: TelegramUpdateStateTable;
  sessions: SessionsTable;
  tags: TagsTable;
  files: FilesTable;
  document_pages: DocumentPagesTable;
  recurrence_rules: RecurrenceRulesTable;
  task_dependencies: TaskDependenciesTable;
  task_tags: TaskTagsTable;
  jobs: JobsTable;
  outbox_events: OutboxEventsTable;
  session_rotated_tokens: SessionRotatedTokensTable;
  api_keys: ApiKeysTable;
  recovery_codes: RecoveryCodesTable;
  auth_failures: AuthFailuresTable;
  known_devices: KnownDevicesTable;
  invites: InvitesTable;
}
