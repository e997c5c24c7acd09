import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOLEAN_COLUMNS, JSON_COLUMNS, SEALED_COLUMNS } from './column-kinds.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.destroy());

function grouped(rows: { table_name: string; column_name: string }[]) {
  const result: Record<string, string[]> = {};
  for (const row of rows) (result[row.table_name] ??= []).push(row.column_name);
  for (const columns of Object.values(result)) columns.sort();
  return result;
}

const sortedCopy = (kinds: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.entries(kinds).map(([table, columns]) => [table, [...columns].sort()]));

describe('column kinds', () => {
  it('list every boolean and JSON column of the schema', async (context) => {
    if (database.dialect !== 'postgres') context.skip(); // SQLite stores both as integer/text; PostgreSQL knows the types
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('boolean', 'jsonb') AND table_name NOT LIKE 'kysely_%'
      ORDER BY table_name, column_name`.execute(database.db);
    expect(grouped(columns.rows.filter((row) => row.data_type === 'boolean'))).toEqual(sortedCopy(BOOLEAN_COLUMNS));
    expect(grouped(columns.rows.filter((row) => row.data_type === 'jsonb'))).toEqual(sortedCopy(JSON_COLUMNS));
  });

  it('list every column that holds a secret', async () => {
    const tables = await database.db.introspection.getTables();
    const secretLike = tables.flatMap((table) => table.columns.filter((column) => /secret|encrypted/.test(column.name)).map((column) => `${table.name}.${column.name}`));
    expect(secretLike.sort()).toEqual(SEALED_COLUMNS.map((entry) => `${entry.table}.${entry.column}`).sort());
  });
});
