/**
 * Kysely's SQLite driver prepares every query anew; with better-sqlite3 the preparation costs as
 * much as running a small insert. This wraps the database so that the same SQL text reuses its
 * prepared statement (least recently used ones dropped beyond `capacity`). Safe because the driver
 * runs each statement to completion synchronously (`all`/`run`) before the next one is prepared;
 * a statement being iterated (`iterate`, used only by Kysely's streaming) is not shared.
 */
import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const DEFAULT_CAPACITY = 500;

export function withStatementCache(sqlite: BetterSqlite3Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used goes to the end; the first entry is the one to drop.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      const shared = statement;
      return {
        reader: shared.reader,
        all: (parameters) => shared.all(parameters),
        run: (parameters) => shared.run(parameters),
        // An iterating statement is busy until the iteration ends: streaming gets a statement of its own.
        iterate: (parameters) => sqlite.prepare(sql).iterate(parameters),
      };
    },
  };
}
