/**
 * The seed's tables and columns, copied by hand from ../shared/seed/data-model.md (its CREATE TABLE
 * blocks) and its "Indexes Summary". Deliberately not generated from our migrations: the migration
 * test checks our schema against this list on both databases.
 */
export const SEED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['id', 'username', 'email', 'password_hash', 'full_name', 'timezone', 'language', 'notification_preferences', 'ui_preferences', 'is_active', 'is_verified', 'two_factor_enabled', 'two_factor_secret', 'created_at', 'updated_at', 'last_login_at'],
  documents: ['id', 'user_id', 'file_id', 'type', 'title', 'metadata', 'processing_status', 'confidence_score', 'extracted_text', 'uploaded_at', 'processed_at'],
  tasks: ['id', 'user_id', 'document_id', 'parent_task_id', 'title', 'description', 'due_date', 'estimated_duration_minutes', 'status', 'priority', 'amount', 'currency', 'created_at', 'updated_at', 'completed_at'],
  reminders: ['id', 'task_id', 'trigger_at', 'severity', 'channels', 'status', 'sent_at', 'error_message', 'acknowledged_at', 'snoozed_until', 'created_at'],
  calendar_events: ['id', 'user_id', 'task_id', 'title', 'description', 'start_time', 'end_time', 'all_day', 'external_calendar_id', 'external_event_id', 'sync_status', 'last_synced_at', 'conflict_data', 'created_at', 'updated_at'],
  integrations: ['id', 'user_id', 'integration_type', 'name', 'enabled', 'config', 'credentials_encrypted', 'sync_status', 'last_sync_at', 'error_log', 'created_at', 'updated_at'],
  notifications: ['id', 'user_id', 'task_id', 'reminder_id', 'title', 'body', 'action_url', 'channel', 'status', 'error_message', 'created_at', 'sent_at', 'read_at', 'clicked_at'],
  sessions: ['id', 'user_id', 'token_hash', 'refresh_token_hash', 'device_type', 'device_name', 'os', 'user_agent', 'ip_address', 'city', 'country', 'is_suspicious', 'expires_at', 'last_active', 'created_at'],
  tags: ['id', 'user_id', 'name', 'created_at'],
  files: ['id', 'user_id', 'path', 'original_filename', 'size_bytes', 'mime_type', 'checksum', 'storage_backend', 'thumbnail_path', 'extracted_text', 'ocr_language', 'created_at'],
  recurrence_rules: ['id', 'task_id', 'frequency', 'interval', 'end_date', 'occurrences_count', 'created_at'],
  task_dependencies: ['parent_task_id', 'child_task_id', 'created_at'],
  task_tags: ['task_id', 'tag_id', 'created_at'],
};

/** On SQLite, the two PostgreSQL full-text GIN indexes exist as FTS5 tables. */
export const SEED_INDEXES: readonly { name: string; sqliteEquivalent?: string }[] = [
  { name: 'idx_users_email' },
  { name: 'idx_users_username' },
  { name: 'idx_documents_user_type' },
  { name: 'idx_documents_status' },
  { name: 'idx_tasks_user_status' },
  { name: 'idx_tasks_user_priority' },
  { name: 'idx_tasks_due_date_status' },
  { name: 'idx_reminders_trigger_status' },
  { name: 'idx_calendar_user_start' },
  { name: 'idx_documents_text', sqliteEquivalent: 'documents_fts' },
  { name: 'idx_tasks_text', sqliteEquivalent: 'tasks_fts' },
];
