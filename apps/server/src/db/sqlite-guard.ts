/**
 * On SQLite, Kysely has a single connection. Inside `inTransaction` that connection is held, so a
 * query sent through the outer `db` instead of the transaction's executor would wait for it forever.
 * This driver wrapper turns that mistake into an immediate, explained error.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { SqliteDialect, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

export const holdingSqliteConnection = new AsyncLocalStorage<true>();

export class SqliteTransactionMisuseError extends Error {
  override name = 'SqliteTransactionMisuseError';
  constructor() {
    super('a query used `db` inside inTransaction on SQLite, where the only connection is held by the transaction: use the executor that inTransaction passes in');
  }
}

class GuardedDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    if (holdingSqliteConnection.getStore()) return Promise.reject(new SqliteTransactionMisuseError());
    return this.inner.acquireConnection();
  }
  beginTransaction(connection: DatabaseConnection, settings: Parameters<Driver['beginTransaction']>[1]) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
}

export class GuardedSqliteDialect extends SqliteDialect {
  constructor(config: SqliteDialectConfig) {
    super(config);
  }
  override createDriver(): Driver {
    return new GuardedDriver(super.createDriver());
  }
}
