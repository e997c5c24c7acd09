/**
 * Today's "new tasks" (open, made in the last three days, newest first) read in index order instead of
 * sorting every open task of the user: after an import of many tasks at once all of them are new
 * (`npm run bench:tasks`, /today: 5 ms of its 20 on SQLite).
 */
import type { Migration } from './migration.types.ts';

export const taskCreatedIndex: Migration = {
  name: '0011-task-created-index',
  async up({ db }) {
    await db.schema.createIndex('idx_tasks_user_created').on('tasks').columns(['user_id', 'created_at', 'id']).execute();
  },
};
