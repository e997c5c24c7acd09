/**
 * Full-text search from the seed's Indexes Summary. PostgreSQL gets the seed's two GIN indexes over
 * `to_tsvector('german', …)`. SQLite has no such index, so it gets FTS5 tables kept in step by
 * triggers; they hold their own copy of the text and the row's id (not the rowid, which VACUUM may
 * renumber on tables without an INTEGER PRIMARY KEY).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../db/database.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
export async function createFullTextSearch(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`CREATE INDEX idx_documents_text ON documents USING gin (to_tsvector('german', coalesce(title, '') || ' ' || coalesce(extracted_text, '')))`.execute(db);
    await sql`CREATE INDEX idx_tasks_text ON tasks USING gin (to_tsvector('german', title || ' ' || coalesce(description, '')))`.execute(db);
    return;
  }
  await createFts5Mirror(db, { table: 'documents', fts: 'documents_fts', columns: ['title', 'extracted_text'] });
  await createFts5Mirror(db, { table: 'tasks', fts: 'tasks_fts', columns: ['title', 'description'] });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
async function createFts5Mirror(db: Kysely<any>, input: { table: string; fts: string; columns: string[] }) {
  const table = sql.table(input.table);
  const fts = sql.table(input.fts);
  const columns = sql.join(input.columns.map((column) => sql.ref(column)));
  const newValues = sql.raw(input.columns.map((column) => `new.${column}`).join(', '));
  await sql`CREATE VIRTUAL TABLE ${fts} USING fts5(id UNINDEXED, ${columns}, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${input.fts}_after_insert`)} AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${fts} (id, ${columns}) VALUES (new.id, ${newValues});
    END`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${input.fts}_after_update`)} AFTER UPDATE OF ${columns} ON ${table} BEGIN
      DELETE FROM ${fts} WHERE id = old.id;
      INSERT INTO ${fts} (id, ${columns}) VALUES (new.id, ${newValues});
    END`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${input.fts}_after_delete`)} AFTER DELETE ON ${table} BEGIN
      DELETE FROM ${fts} WHERE id = old.id;
    END`.execute(db);
}
