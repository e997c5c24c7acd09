/**
 * A write transaction on either dialect. On SQLite it starts with BEGIN IMMEDIATE, taking the write
 * lock up front: a deferred transaction that reads and then writes can fail with SQLITE_BUSY when
 * another process wrote meanwhile, and busy_timeout cannot help it. Inside `work`, use only the
 * executor it receives: on SQLite the single connection is held until the transaction ends, and a
 * query through the outer `db` fails at once (sqlite-guard.ts) instead of waiting forever.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './database.ts';
import type { Database } from './schema.ts';
import { holdingSqliteConnection } from './sqlite-guard.ts';

export type Executor = Kysely<Database>;

export async function inTransaction<T>(
  handle: { db: Kysely<Database>; dialect: DialectName },
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  if (handle.dialect === 'postgres') return handle.db.transaction().execute(work);
  return handle.db.connection().execute((connection) =>
    holdingSqliteConnection.run(true, async () => {
      await sql`BEGIN IMMEDIATE`.execute(connection);
      try {
        const result = await work(connection);
        await sql`COMMIT`.execute(connection);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(connection);
        throw error;
      }
    }),
  );
}
