/**
 * What a user's export holds, in the order an import writes it (parents before children), and how
 * each table's rows belong to the user. data-export.db.test.ts checks, by introspecting the foreign
 * keys, that every table reaching the user is either here or deliberately left out.
 */
export interface ExportedTable {
  table: string;
  /** How the table's rows belong to the user. */
  owner: { column: 'id' | 'user_id' } | { column: string; via: 'tasks' | 'documents' };
}

export const EXPORTED_TABLES: readonly ExportedTable[] = [
  { table: 'users', owner: { column: 'id' } },
  { table: 'files', owner: { column: 'user_id' } },
  { table: 'documents', owner: { column: 'user_id' } },
  { table: 'document_pages', owner: { column: 'document_id', via: 'documents' } },
  { table: 'tasks', owner: { column: 'user_id' } },
  { table: 'recurrence_rules', owner: { column: 'task_id', via: 'tasks' } },
  { table: 'task_dependencies', owner: { column: 'child_task_id', via: 'tasks' } },
  { table: 'tags', owner: { column: 'user_id' } },
  { table: 'task_tags', owner: { column: 'task_id', via: 'tasks' } },
  { table: 'reminders', owner: { column: 'task_id', via: 'tasks' } },
  { table: 'calendar_events', owner: { column: 'user_id' } },
  { table: 'integrations', owner: { column: 'user_id' } },
  { table: 'notification_firings', owner: { column: 'user_id' } },
  { table: 'notifications', owner: { column: 'user_id' } },
  { table: 'api_keys', owner: { column: 'user_id' } },
  { table: 'recovery_codes', owner: { column: 'user_id' } },
  { table: 'known_devices', owner: { column: 'user_id' } },
  { table: 'sender_profiles', owner: { column: 'user_id' } },
];

/** Reaching the user, but not moved: sign-in state ends with the old instance, queued work is redone there, one-time codes expire within minutes. */
export const NOT_EXPORTED_TABLES: readonly string[] = ['sessions', 'session_rotated_tokens', 'jobs', 'outbox_events', 'invites', 'used_action_tokens', 'telegram_link_codes'];

export const EXPORT_FORMAT = 'workmate-user-export';
export const EXPORT_VERSION = 1;
export const DATA_ENTRY = 'workmate-export.json';
export const FILES_PREFIX = 'files/';

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: number;
  exported_at: string;
  /** Sealed secrets appear decrypted: the archive is as sensitive as the account. */
  secrets: 'plaintext';
  tables: Record<string, Record<string, unknown>[]>;
}

/** Orders tasks so that every parent comes before its sub-tasks. */
export function parentsFirst<T extends { id: unknown; parent_task_id?: unknown }>(rows: readonly T[]): T[] {
  const pending = [...rows];
  const placed = new Set<unknown>();
  const ordered: T[] = [];
  while (pending.length > 0) {
    const index = pending.findIndex((row) => row.parent_task_id === null || row.parent_task_id === undefined || placed.has(row.parent_task_id) || !rows.some((other) => other.id === row.parent_task_id));
    const [next] = pending.splice(index === -1 ? 0 : index, 1);
    if (!next) break;
    placed.add(next.id);
    ordered.push(next);
  }
  return ordered;
}
