/**
 * PostgreSQL: a stored `search_vector` on tasks and documents, so ranking reads the vector instead of
 * rebuilding it for every match (`npm run bench:tasks`: search over 22,000 rows). The seed's
 * expression indexes stay; searches use the column and its own GIN index.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.types.ts';

export const searchVectors: Migration = {
  name: '0006-search-vectors',
  async up({ db, dialect }) {
    if (dialect !== 'postgres') return;
    await sql`ALTER TABLE tasks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('german', title || ' ' || coalesce(description, ''))) STORED`.execute(db);
    await sql`ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('german', coalesce(title, '') || ' ' || coalesce(extracted_text, ''))) STORED`.execute(db);
    await sql`CREATE INDEX idx_tasks_search_vector ON tasks USING gin (search_vector)`.execute(db);
    await sql`CREATE INDEX idx_documents_search_vector ON documents USING gin (search_vector)`.execute(db);
  },
};
