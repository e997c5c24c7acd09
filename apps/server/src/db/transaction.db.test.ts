import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids/ids.ts';
import { SqliteTransactionMisuseError } from './sqlite-guard.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { inTransaction } from './transaction.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.destroy());

const insertUser = (executor: TestDatabase['db'], name: string) =>
  executor.insertInto('users').values({ id: newId(), username: name, email: `${name}@example.org`, password_hash: 'x' }).execute();

describe('write transactions', () => {
  it('commit together or not at all', async () => {
    await inTransaction(database, async (trx) => insertUser(trx, 'anna'));
    await expect(
      inTransaction(database, async (trx) => {
        await insertUser(trx, 'ben');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await database.db.selectFrom('users').select('username').execute()).map((row) => row.username)).toEqual(['anna']);
  });

  it('on SQLite, refuse at once a query through the outer db instead of deadlocking', async (context) => {
    if (database.dialect !== 'sqlite') context.skip(); // PostgreSQL has a pool: the outer db simply takes another connection
    await expect(inTransaction(database, async () => insertUser(database.db, 'carl'))).rejects.toThrow(SqliteTransactionMisuseError);
    expect(await database.db.selectFrom('users').selectAll().execute()).toEqual([]);
  });
});
