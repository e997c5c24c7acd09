/**
 * Search on SQLite, made fast for many users and typo-tolerant:
 * - the FTS5 tables get an `owner` column (the user id as one token), so a search matches only the
 *   user's own rows inside the index instead of ranking everyone's matches and filtering afterwards
 *   (measured with `npm run bench:tasks`: 20 users x 20,000 tasks);
 * - fts5vocab tables list the indexed terms, for forgiving one typo in longer words.
 * PostgreSQL keeps the seed's GIN indexes and needs nothing here.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.types.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped by design
async function rebuild(db: Kysely<any>, input: { table: string; fts: string; columns: string[] }) {
  for (const suffix of ['after_insert', 'after_update', 'after_delete']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${input.fts}_${suffix}`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS ${sql.table(input.fts)}`.execute(db);
  const table = sql.table(input.table);
  const fts = sql.table(input.fts);
  const columns = sql.join(input.columns.map((column) => sql.ref(column)));
  const newValues = sql.raw(input.columns.map((column) => `new.${column}`).join(', '));
  await sql`CREATE VIRTUAL TABLE ${fts} USING fts5(id UNINDEXED, owner, ${columns}, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`INSERT INTO ${fts} (id, owner, ${columns}) SELECT id, replace(user_id, '-', ''), ${columns} FROM ${table}`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${input.fts}_after_insert`)} AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${fts} (id, owner, ${columns}) VALUES (new.id, replace(new.user_id, '-', ''), ${newValues});
    END`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${input.fts}_after_update`)} AFTER UPDATE OF ${columns} ON ${table} BEGIN
      DELETE FROM ${fts} WHERE id = old.id;
      INSERT INTO ${fts} (id, owner, ${columns}) VALUES (new.id, replace(new.user_id, '-', ''), ${newValues});
    END`.execute(db);
  await sql`CREATE TRIGGER ${sql.raw(`${input.fts}_after_delete`)} AFTER DELETE ON ${table} BEGIN
      DELETE FROM ${fts} WHERE id = old.id;
    END`.execute(db);
  await sql`CREATE VIRTUAL TABLE ${sql.table(`${input.fts.replace(/_fts$/, '')}_fts_terms`)} USING fts5vocab(${fts}, 'row')`.execute(db);
}

export const searchPerUser: Migration = {
  name: '0005-search-per-user',
  async up({ db, dialect }) {
    if (dialect !== 'sqlite') return;
    await rebuild(db, { table: 'tasks', fts: 'tasks_fts', columns: ['title', 'description'] });
    await rebuild(db, { table: 'documents', fts: 'documents_fts', columns: ['title', 'extracted_text'] });
  },
};
