/**
 * The schema's foreign keys, read from the database itself (not from a hand-kept list), and the
 * SQL condition "this row reaches that user" derived from them. Used to prove that deleting a user
 * leaves nothing behind and that exports cover every table that holds user data.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from './database.ts';

export interface ForeignKey {
  table: string;
  column: string;
  references: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- introspection works on any schema
type AnyDb = Kysely<any>;

export async function listForeignKeys(handle: { db: AnyDb; dialect: DialectName }): Promise<ForeignKey[]> {
  if (handle.dialect === 'postgres') {
    const result = await sql<ForeignKey>`
      SELECT kcu.table_name AS "table", kcu.column_name AS "column", ccu.table_name AS "references"
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema
      JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`.execute(handle.db);
    return result.rows;
  }
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(handle.db);
  const keys: ForeignKey[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ from: string; table: string }>`SELECT "from", "table" FROM pragma_foreign_key_list(${name})`.execute(handle.db);
    for (const row of rows.rows) keys.push({ table: name, column: row.from, references: row.table });
  }
  return keys;
}

/** Tables whose rows can reach a `users` row through foreign keys, with the condition for one user. */
export function reachingUser(keys: readonly ForeignKey[], userId: string): Map<string, RawBuilder<unknown>> {
  const conditions = new Map<string, RawBuilder<unknown>>();
  const build = (table: string, visiting: Set<string>): RawBuilder<unknown> | undefined => {
    if (table === 'users') return sql`${sql.ref('users.id')} = ${userId}`;
    const parts: RawBuilder<unknown>[] = [];
    for (const key of keys.filter((candidate) => candidate.table === table && !visiting.has(candidate.references))) {
      const parent = key.references === 'users' ? sql`${sql.ref(key.column)} = ${userId}` : undefined;
      if (parent) {
        parts.push(parent);
        continue;
      }
      const inner = build(key.references, new Set([...visiting, table]));
      if (inner) parts.push(sql`${sql.ref(key.column)} IN (SELECT ${sql.ref(`${key.references}.id`)} FROM ${sql.table(key.references)} WHERE ${inner})`);
    }
    return parts.length === 0 ? undefined : sql`(${sql.join(parts, sql` OR `)})`;
  };
  for (const table of new Set(keys.map((key) => key.table))) {
    const condition = build(table, new Set([table]));
    if (condition) conditions.set(table, condition);
  }
  conditions.set('users', sql`id = ${userId}`);
  return conditions;
}

export async function countReaching(db: AnyDb, conditions: Map<string, RawBuilder<unknown>>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, condition] of conditions) {
    const result = await sql<{ count: number | string }>`SELECT count(*) AS count FROM ${sql.table(table)} WHERE ${condition}`.execute(db);
    counts[table] = Number(result.rows[0]?.count ?? 0);
  }
  return counts;
}
