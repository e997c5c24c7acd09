/** Full-text search over the user's tasks and documents: PostgreSQL `german` text search, SQLite FTS5. */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { fts5Query, MARK_END, MARK_START } from './search.models.ts';

export interface SearchHit {
  kind: 'task' | 'document';
  id: string;
  title: string;
  snippet: string;
  rank: number;
}

export function createSearchRepository({ db, dialect }: { db: Kysely<Database>; dialect: DialectName }) {
  async function search(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    return dialect === 'postgres' ? searchPostgres(userId, query, limit) : searchSqlite(userId, query, limit);
  }

  async function searchPostgres(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    const headline = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=1, MaxWords=20, MinWords=6`;
    const taskText = sql`tasks.title || ' ' || coalesce(tasks.description, '')`;
    const documentText = sql`coalesce(documents.title, '') || ' ' || coalesce(documents.extracted_text, '')`;
    const result = await sql<SearchHit>`
      WITH q AS (SELECT websearch_to_tsquery('german', ${query}) AS query)
      SELECT 'task' AS kind, tasks.id, tasks.title, ts_headline('german', ${taskText}, q.query, ${headline}) AS snippet,
             ts_rank(to_tsvector('german', ${taskText}), q.query) AS rank
        FROM tasks, q WHERE tasks.user_id = ${userId} AND to_tsvector('german', ${taskText}) @@ q.query
      UNION ALL
      SELECT 'document', documents.id, coalesce(documents.title, ''), ts_headline('german', ${documentText}, q.query, ${headline}),
             ts_rank(to_tsvector('german', ${documentText}), q.query)
        FROM documents, q WHERE documents.user_id = ${userId} AND documents.deleted_at IS NULL AND to_tsvector('german', ${documentText}) @@ q.query
      ORDER BY rank DESC, id LIMIT ${limit}`.execute(db);
    return result.rows.map((row) => ({ ...row, rank: Number(row.rank) }));
  }

  async function searchSqlite(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    const match = fts5Query(query);
    if (!match) return [];
    const result = await sql<SearchHit>`
      SELECT * FROM (
        SELECT 'task' AS kind, tasks.id AS id, tasks.title AS title,
               snippet(tasks_fts, -1, ${MARK_START}, ${MARK_END}, '…', 16) AS snippet, -bm25(tasks_fts) AS rank
          FROM tasks_fts JOIN tasks ON tasks.id = tasks_fts.id
         WHERE tasks_fts MATCH ${match} AND tasks.user_id = ${userId}
        UNION ALL
        SELECT 'document', documents.id, coalesce(documents.title, ''),
               snippet(documents_fts, -1, ${MARK_START}, ${MARK_END}, '…', 16), -bm25(documents_fts)
          FROM documents_fts JOIN documents ON documents.id = documents_fts.id
         WHERE documents_fts MATCH ${match} AND documents.user_id = ${userId} AND documents.deleted_at IS NULL
      ) ORDER BY rank DESC, id LIMIT ${limit}`.execute(db);
    return result.rows;
  }

  /** Documents whose sender matches, which the text indexes do not cover. */
  async function bySender(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    const sender = dialect === 'postgres' ? sql<string>`metadata->'sender'->>'name'` : sql<string>`json_extract(metadata, '$.sender.name')`;
    const pattern = `%${query.trim().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    const like = dialect === 'postgres' ? sql`${sender} ILIKE ${pattern} ESCAPE '\\'` : sql`${sender} LIKE ${pattern} ESCAPE '\\'`;
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'title', sender.as('sender')])
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null)
      .where(like as never)
      .limit(limit)
      .execute();
    return rows.map((row) => ({ kind: 'document' as const, id: row.id, title: row.title ?? '', snippet: `${MARK_START}${String(row.sender)}${MARK_END}`, rank: 0.01 }));
  }

  return { search, bySender };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
