/**
 * Tasks issue: case-insensitive tag names, hand-set vs automatic priority, recurring series,
 * task details (payment data, assumptions), and the recurrence anchor.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.types.ts';
import { schemaKit } from './schema-kit.ts';

export const tasksSchema: Migration = {
  name: '0003-tasks',
  async up({ db, dialect }) {
    const k = schemaKit(dialect);
    // No tag could exist before this migration (there was no API), so the backfill is a formality.
    await db.schema.alterTable('tags').addColumn(...k.varchar('name_key', 50, (c) => c.notNull().defaultTo(''))).execute();
    await sql`UPDATE tags SET name_key = lower(name)`.execute(db);
    await db.schema.createIndex('idx_tags_user_name_key').on('tags').columns(['user_id', 'name_key']).unique().execute();

    await db.schema.alterTable('tasks').addColumn(...k.enumeration('priority_source', ['auto', 'manual'], { default: 'auto' })).execute();
    await db.schema.alterTable('tasks').addColumn(...k.uuid('series_id')).execute();
    await db.schema.alterTable('tasks').addColumn(...k.integer('series_index', (c) => c.check(sql`series_index >= 1`))).execute();
    await db.schema.alterTable('tasks').addColumn(...k.jsonWithDefault('details', 'object')).execute();
    await db.schema.alterTable('tasks').addColumn(...k.instant('user_edited_at')).execute();
    await db.schema.createIndex('idx_tasks_series').on('tasks').columns(['series_id', 'series_index']).unique().execute();

    await db.schema.alterTable('recurrence_rules').addColumn(...k.enumeration('anchor', ['due', 'completion'], { default: 'due' })).execute();
    await db.schema.alterTable('recurrence_rules').addColumn(...k.instant('series_start')).execute();
  },
};
