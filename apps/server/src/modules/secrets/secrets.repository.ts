import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sealed columns are listed by name (db/column-kinds.ts)
type AnyDb = Kysely<any>;

export function createSecretsRepository() {
  async function readSealed(executor: Kysely<Database>, table: string, column: string): Promise<{ id: string; value: string }[]> {
    const rows = (await (executor as unknown as AnyDb).selectFrom(table).select(['id', `${column} as value`]).where(column, 'is not', null).execute()) as { id: string; value: string }[];
    return rows;
  }

  async function writeSealed(executor: Kysely<Database>, table: string, column: string, id: string, value: string) {
    await (executor as unknown as AnyDb).updateTable(table).set({ [column]: value }).where('id', '=', id).execute();
  }

  return { readSealed, writeSealed };
}
