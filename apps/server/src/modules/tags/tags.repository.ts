/** All SQL of tags and their links to tasks, scoped to one user. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toDbInstant } from '../../db/values.ts';

export function createTagsRepository({ db }: { db: Kysely<Database> }) {
  async function list(userId: string) {
    return db
      .selectFrom('tags')
      .leftJoin('task_tags', 'task_tags.tag_id', 'tags.id')
      .select(['tags.id', 'tags.name', 'tags.created_at', (eb) => eb.fn.count<number>('task_tags.task_id').as('task_count')])
      .where('tags.user_id', '=', userId)
      .groupBy(['tags.id', 'tags.name', 'tags.created_at'])
      .orderBy('tags.name')
      .execute();
  }

  async function find(userId: string, id: string, executor: Kysely<Database> = db) {
    return executor.selectFrom('tags').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  }

  async function findByKey(executor: Kysely<Database>, userId: string, key: string) {
    return executor.selectFrom('tags').selectAll().where('user_id', '=', userId).where('name_key', '=', key).executeTakeFirst();
  }

  async function insert(executor: Kysely<Database>, tag: { id: string; userId: string; name: string; key: string; now: Date }) {
    await executor.insertInto('tags').values({ id: tag.id, user_id: tag.userId, name: tag.name, name_key: tag.key, created_at: toDbInstant(tag.now) }).execute();
  }

  async function rename(userId: string, id: string, name: string, key: string) {
    await db.updateTable('tags').set({ name, name_key: key }).where('user_id', '=', userId).where('id', '=', id).execute();
  }

  async function remove(userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('tags').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** Moves every task of `fromId` to `intoId` (skipping tasks that have both), then deletes `fromId`. */
  async function merge(executor: Kysely<Database>, fromId: string, intoId: string) {
    const already = executor.selectFrom('task_tags').select('task_id').where('tag_id', '=', intoId);
    await executor.updateTable('task_tags').set({ tag_id: intoId }).where('tag_id', '=', fromId).where('task_id', 'not in', already).execute();
    await executor.deleteFrom('tags').where('id', '=', fromId).execute();
  }

  async function attach(executor: Kysely<Database>, taskId: string, tagId: string, now: Date) {
    await executor.insertInto('task_tags').values({ task_id: taskId, tag_id: tagId, created_at: toDbInstant(now) }).onConflict((conflict) => conflict.doNothing()).execute();
  }

  async function detach(executor: Kysely<Database>, taskId: string, tagId: string): Promise<boolean> {
    const result = await executor.deleteFrom('task_tags').where('task_id', '=', taskId).where('tag_id', '=', tagId).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  async function detachAll(executor: Kysely<Database>, taskId: string) {
    await executor.deleteFrom('task_tags').where('task_id', '=', taskId).execute();
  }

  return { list, find, findByKey, insert, rename, remove, merge, attach, detach, detachAll };
}

export type TagsRepository = ReturnType<typeof createTagsRepository>;
