/** The schema holds what the domain needs, as strictly on SQLite as on PostgreSQL. */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids/ids.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { fromDbBool, fromDbJson, toDbInstant, toDbJson } from './values.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.destroy());

async function insertUser(name = 'anna') {
  const id = newId();
  await database.db.insertInto('users').values({ id, username: name, email: `${name}@example.org`, password_hash: 'x' }).execute();
  return id;
}

async function insertDocument(userId: string, text: string) {
  const fileId = newId();
  await database.db
    .insertInto('files')
    .values({ id: fileId, user_id: userId, path: `k/${fileId}`, original_filename: 'a.pdf', size_bytes: 10, mime_type: 'application/pdf', checksum: 'a'.repeat(64) })
    .execute();
  const id = newId();
  await database.db.insertInto('documents').values({ id, user_id: userId, file_id: fileId, type: 'invoice', title: 'Rechnung', extracted_text: text }).execute();
  return id;
}

async function insertTask(userId: string, values: Record<string, unknown> = {}) {
  const id = newId();
  await database.db.insertInto('tasks').values({ id, user_id: userId, title: 'Telekom bezahlen', ...values }).execute();
  return id;
}

describe('schema', () => {
  it('reads instants, booleans, JSON and minor units back as written', async () => {
    const userId = await insertUser();
    const due = new Date('2026-01-25T22:59:59.999Z');
    const taskId = await insertTask(userId, { due_date: toDbInstant(due), due_is_date: true, amount: 9_007_199_254_740_991, currency: 'EUR' });
    const task = await database.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task.due_date).toBe('2026-01-25T22:59:59.999Z');
    expect(fromDbBool(task.due_is_date)).toBe(true);
    expect(task.amount).toBe(9_007_199_254_740_991);
    expect(task.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect([task.status, task.priority, task.currency]).toEqual(['open', 'medium', 'EUR']);

    const user = await database.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    expect([user.timezone, user.language, user.role, fromDbBool(user.is_active), fromDbBool(user.two_factor_enabled)]).toEqual(['UTC', 'de', 'user', true, false]);
    expect(fromDbJson(user.notification_preferences)).toEqual({});
    await database.db.updateTable('users').set({ ui_preferences: toDbJson({ theme: 'dark', first_day_of_week: 1 }) }).where('id', '=', userId).execute();
    const updated = await database.db.selectFrom('users').select('ui_preferences').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(fromDbJson(updated.ui_preferences)).toEqual({ theme: 'dark', first_day_of_week: 1 });
  });

  it.each([
    ['an unknown task status', { status: 'waiting' }],
    ['an unknown priority', { priority: 'urgent' }],
    ['a lower-case currency', { currency: 'eur' }],
    ['completed_at on an open task', { completed_at: '2026-01-01T00:00:00.000Z' }],
    ['a done task without completed_at', { status: 'done' }],
    ['a date flag without a date', { due_is_date: true }],
    ['a zero duration', { estimated_duration_minutes: 0 }],
    ['a title over 255 characters', { title: 'x'.repeat(256) }],
  ])('refuses %s', async (_label, values) => {
    const userId = await insertUser();
    await expect(insertTask(userId, values)).rejects.toThrow();
  });

  it('refuses instants that are not ISO-8601 UTC with milliseconds', async () => {
    const userId = await insertUser();
    await expect(insertTask(userId, { due_date: '25.01.2026' })).rejects.toThrow();
    if (database.dialect === 'sqlite') await expect(insertTask(userId, { due_date: '2026-01-25 10:00:00' })).rejects.toThrow();
  });

  it('refuses non-object metadata, unknown document types and duplicate usernames ignoring case', async () => {
    const userId = await insertUser();
    const documentId = await insertDocument(userId, 'text');
    await expect(database.db.updateTable('documents').set({ metadata: '[1,2]' }).where('id', '=', documentId).execute()).rejects.toThrow();
    await expect(database.db.updateTable('documents').set({ metadata: 'not json' }).where('id', '=', documentId).execute()).rejects.toThrow();
    await expect(sql`UPDATE documents SET type = 'letter' WHERE id = ${documentId}`.execute(database.db)).rejects.toThrow();
    await expect(database.db.insertInto('users').values({ id: newId(), username: 'ANNA', email: 'other@example.org', password_hash: 'x' }).execute()).rejects.toThrow();
  });

  it('follows the seed ON DELETE rules', async () => {
    const userId = await insertUser();
    const documentId = await insertDocument(userId, 'Rechnung');
    const parentId = await insertTask(userId, { document_id: documentId });
    const childId = await insertTask(userId, { parent_task_id: parentId });
    const reminderId = newId();
    await database.db.insertInto('reminders').values({ id: reminderId, task_id: childId, trigger_at: '2026-01-20T09:00:00.000Z', severity: 'warning', message: 'Telekom, 89,99 €, fällig in 5 Tagen' }).execute();

    await database.db.deleteFrom('documents').where('id', '=', documentId).execute();
    const parent = await database.db.selectFrom('tasks').select('document_id').where('id', '=', parentId).executeTakeFirstOrThrow();
    expect(parent.document_id).toBeNull(); // SET NULL

    await database.db.deleteFrom('tasks').where('id', '=', parentId).execute();
    expect(await database.db.selectFrom('tasks').select('id').where('id', '=', childId).execute()).toEqual([]); // CASCADE to sub-tasks
    expect(await database.db.selectFrom('reminders').select('id').execute()).toEqual([]); // and their reminders

    await insertTask(userId);
    await database.db.insertInto('outbox_events').values({ id: newId(), type: 'test.happened', payload: '{}', user_id: userId }).execute();
    await database.db.deleteFrom('users').where('id', '=', userId).execute();
    for (const table of ['tasks', 'files', 'outbox_events'] as const) {
      expect(await database.db.selectFrom(table).select('id').execute()).toEqual([]);
    }
  });

  it('keeps the full-text index of documents and tasks in step with their rows', async () => {
    const userId = await insertUser();
    const documentId = await insertDocument(userId, 'Dritte Mahnung der Stadtwerke');
    const search = async (term: string) =>
      database.dialect === 'postgres'
        ? (await sql<{ id: string }>`SELECT id FROM documents WHERE to_tsvector('german', coalesce(title, '') || ' ' || coalesce(extracted_text, '')) @@ plainto_tsquery('german', ${term})`.execute(database.db)).rows
        : (await sql<{ id: string }>`SELECT id FROM documents_fts WHERE documents_fts MATCH ${term}`.execute(database.db)).rows;
    expect(await search('Mahnung')).toEqual([{ id: documentId }]);
    await database.db.updateTable('documents').set({ extracted_text: 'Kündigungsbestätigung' }).where('id', '=', documentId).execute();
    expect(await search('Mahnung')).toEqual([]);
    await database.db.deleteFrom('documents').where('id', '=', documentId).execute();
    expect(await search('Kündigungsbestätigung')).toEqual([]);
  });
});
