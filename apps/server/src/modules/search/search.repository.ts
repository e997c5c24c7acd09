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
    // Rank on the stored vectors (migration 0006); build headlines only for the rows that are returned.
    const result = await sql<SearchHit>`
      WITH q AS (SELECT websearch_to_tsquery('german', ${query}) AS query),
      hits AS (
        SELECT 'task' AS kind, tasks.id, tasks.title, tasks.title || ' ' || coalesce(tasks.description, '') AS body, ts_rank(tasks.search_vector, q.query) AS rank
          FROM tasks, q WHERE tasks.user_id = ${userId} AND tasks.search_vector @@ q.query
        UNION ALL
        SELECT 'document', documents.id, coalesce(documents.title, ''), coalesce(documents.title, '') || ' ' || coalesce(documents.extracted_text, ''), ts_rank(documents.search_vector, q.query)
          FROM documents, q WHERE documents.user_id = ${userId} AND documents.deleted_at IS NULL AND documents.search_vector @@ q.query
        ORDER BY rank DESC, id LIMIT ${limit}
      )
      SELECT hits.kind, hits.id, hits.title, ts_headline('german', hits.body, q.query, ${headline}) AS snippet, hits.rank
        FROM hits, q ORDER BY hits.rank DESC, hits.id`.execute(db);
    return result.rows.map((row) => ({ ...row, rank: Number(row.rank) }));
  }

  async function searchSqlite(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    const terms = fts5Query(query);
    if (!terms) return [];
    // The owner column keeps the match inside the user's rows; the title weighs ten times the text.
    const match = `owner : "${userId.replace(/-/g, '')}" AND (${terms})`;
    const result = await sql<SearchHit & { title_marked: string; text_marked: string }>`
      SELECT * FROM (
        SELECT 'task' AS kind, tasks_fts.id AS id, tasks_fts.title AS title,
               highlight(tasks_fts, 2, ${MARK_START}, ${MARK_END}) AS title_marked,
               snippet(tasks_fts, 3, ${MARK_START}, ${MARK_END}, '…', 16) AS text_marked,
               -bm25(tasks_fts, 0, 0, 10, 1) AS rank
          FROM tasks_fts WHERE tasks_fts MATCH ${match}
        UNION ALL
        SELECT 'document', documents_fts.id, coalesce(documents_fts.title, ''),
               highlight(documents_fts, 2, ${MARK_START}, ${MARK_END}),
               snippet(documents_fts, 3, ${MARK_START}, ${MARK_END}, '…', 16), -bm25(documents_fts, 0, 0, 10, 1)
          FROM documents_fts JOIN documents ON documents.id = documents_fts.id
         WHERE documents_fts MATCH ${match} AND documents.deleted_at IS NULL
      ) ORDER BY rank DESC, id LIMIT ${limit}`.execute(db);
    return result.rows.map(({ title_marked: titleMarked, text_marked: textMarked, ...hit }) => ({
      ...hit,
      snippet: textMarked && textMarked.includes(MARK_START) ? textMarked : (titleMarked ?? ''),
    }));
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

  /** Indexed terms of the user's tasks and documents that begin like `word` (for typo correction). */
  async function termsLike(userId: string, word: string): Promise<string[]> {
    const head = word.slice(0, 2);
    if (dialect === 'postgres') {
      const statement = `SELECT to_tsvector('simple', title || ' ' || coalesce(description, '')) FROM tasks WHERE user_id = '${userId.replace(/[^0-9a-f-]/gi, '')}'
        UNION ALL SELECT to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(extracted_text, '')) FROM documents WHERE user_id = '${userId.replace(/[^0-9a-f-]/gi, '')}' AND deleted_at IS NULL`;
      const result = await sql<{ word: string }>`SELECT word FROM ts_stat(${statement}) WHERE word LIKE ${`${head}%`} LIMIT 5000`.execute(db);
      return result.rows.map((row) => row.word);
    }
    // The FTS5 vocabulary is shared by all users; only the corrected word is taken from it, and the
    // corrected search is again limited to the user's own rows.
    const result = await sql<{ term: string }>`
      SELECT term FROM tasks_fts_terms WHERE term >= ${head} AND term < ${`${head}\uffff`}
      UNION SELECT term FROM documents_fts_terms WHERE term >= ${head} AND term < ${`${head}\uffff`} LIMIT 5000`.execute(db);
    return result.rows.map((row) => row.term);
  }

  return { search, bySender, termsLike };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
