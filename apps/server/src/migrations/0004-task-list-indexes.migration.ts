/**
 * The task list sorted by due date, served from an index instead of a sort (measured with
 * `npm run bench:tasks`: 400,000 tasks). Tasks without a due date come last: PostgreSQL sorts NULLs
 * last by itself; SQLite sorts them first, so its index and query use a far-future stand-in.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.types.ts';

export const NO_DUE_DATE_SORT_KEY = '9999-12-31T23:59:59.999Z';

export const taskListIndexes: Migration = {
  name: '0004-task-list-indexes',
  async up({ db, dialect }) {
    if (dialect === 'postgres') {
      await db.schema.createIndex('idx_tasks_user_status_due').on('tasks').columns(['user_id', 'status', 'due_date', 'id']).execute();
      await db.schema.createIndex('idx_tasks_user_due').on('tasks').columns(['user_id', 'due_date', 'id']).execute();
      return;
    }
    const dueKey = sql`coalesce(due_date, ${sql.lit(NO_DUE_DATE_SORT_KEY)})`;
    await sql`CREATE INDEX idx_tasks_user_status_due ON tasks (user_id, status, ${dueKey}, id)`.execute(db);
    await sql`CREATE INDEX idx_tasks_user_due ON tasks (user_id, ${dueKey}, id)`.execute(db);
  },
};
