/** Reads a user's rows table by table, and writes them back, converting dialect-specific values. */
import type { Kysely } from 'kysely';
import { BOOLEAN_COLUMNS, GENERATED_COLUMNS, JSON_COLUMNS } from '../../db/column-kinds.ts';
import type { Database } from '../../db/schema.ts';
import { fromDbBool, fromDbJson, toDbJson } from '../../db/values.ts';
import type { ExportedTable } from './data-export.models.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are handled generically, table by table
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** Booleans as true/false and JSON as values, whatever the database returned. */
function toPortable(table: string, row: Row): Row {
  const portable: Row = { ...row };
  for (const column of GENERATED_COLUMNS[table] ?? []) delete portable[column];
  for (const column of BOOLEAN_COLUMNS[table] ?? []) if (portable[column] !== null && portable[column] !== undefined) portable[column] = fromDbBool(portable[column] as number | boolean);
  for (const column of JSON_COLUMNS[table] ?? []) if (portable[column] !== null && portable[column] !== undefined) portable[column] = fromDbJson(portable[column]);
  return portable;
}

function toStorable(table: string, row: Row): Row {
  const storable: Row = { ...row };
  for (const column of GENERATED_COLUMNS[table] ?? []) delete storable[column];
  for (const column of JSON_COLUMNS[table] ?? []) if (storable[column] !== null && storable[column] !== undefined) storable[column] = toDbJson(storable[column]);
  return storable;
}

export function createDataExportRepository({ db }: { db: Kysely<Database> }) {
  async function readUserRows(spec: ExportedTable, userId: string): Promise<Row[]> {
    const any = db as unknown as AnyDb;
    let query = any.selectFrom(spec.table).selectAll();
    if ('via' in spec.owner) {
      query = query.where(spec.owner.column, 'in', any.selectFrom(spec.owner.via).select('id').where('user_id', '=', userId));
    } else {
      query = query.where(spec.owner.column, '=', userId);
    }
    const rows = (await query.execute()) as Row[];
    return rows.map((row) => toPortable(spec.table, row));
  }

  async function insertRows(executor: Kysely<Database>, table: string, rows: readonly Row[]) {
    for (const row of rows) await (executor as unknown as AnyDb).insertInto(table).values(toStorable(table, row)).execute();
  }

  return { readUserRows, insertRows };
}

export type DataExportRepository = ReturnType<typeof createDataExportRepository>;
