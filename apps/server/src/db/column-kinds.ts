/**
 * Columns whose values the two drivers return differently (SQLite: 0/1 and JSON text), for code
 * that handles rows generically (export/import). column-kinds.db.test.ts checks this list against
 * PostgreSQL's own column types, so a new boolean or JSON column cannot be forgotten.
 */
export const BOOLEAN_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['is_active', 'is_verified', 'two_factor_enabled', 'password_change_required'],
  tasks: ['due_is_date'],
  calendar_events: ['all_day'],
  integrations: ['enabled'],
  notification_firings: ['silent'],
  sessions: ['is_suspicious'],
};

export const JSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['notification_preferences', 'ui_preferences'],
  documents: ['metadata'],
  reminders: ['channels'],
  notification_firings: ['reminder_ids', 'task_ids'],
  tasks: ['details'],
  calendar_events: ['conflict_data'],
  integrations: ['config'],
  jobs: ['payload'],
  outbox_events: ['payload'],
  sender_profiles: ['profile'],
};

/** Secrets sealed with the master key, and the context each is bound to. */
export const SEALED_COLUMNS: readonly { table: string; column: string; context: (row: { id: string }) => string }[] = [
  { table: 'users', column: 'two_factor_secret', context: (row) => `users.two_factor_secret:${row.id}` },
  { table: 'integrations', column: 'credentials_encrypted', context: (row) => `integrations.credentials_encrypted:${row.id}` },
  { table: 'instance_settings', column: 'value_encrypted', context: (row) => `instance_settings:${row.id}` },
];

/** Columns the database computes itself (PostgreSQL search vectors): never exported or written. */
export const GENERATED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  tasks: ['search_vector'],
  documents: ['search_vector'],
};
