/**
 * Connection factory: SQLite (embedded default, better-sqlite3) or PostgreSQL (pooled `pg`),
 * both behind the same Kysely<Database>. Nothing here is a singleton: the composition root
 * opens one handle at start-up and passes it down.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite.dialect.ts';
import type { Database } from './schema.ts';
import { SqliteBooleansPlugin } from './sqlite-booleans.plugin.ts';
import { GuardedSqliteDialect } from './sqlite-guard.ts';
import { withStatementCache } from './sqlite-statements.ts';
import { pgBigintToNumber, pgTimestampToIso } from './values.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite file, for backups; absent on PostgreSQL. */
  sqlitePath?: string;
  /**
   * SQLite only: copies what the write-ahead log holds into the database file now (a PASSIVE
   * checkpoint: it waits for no one and blocks no writer). Returns the log's frames and how many
   * of them are in the file now.
   */
  checkpoint?(): { frames: number; checkpointed: number };
  destroy(): Promise<void>;
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

/** Where the database lives: `postgres://…` / `postgresql://…`, `sqlite:<path>`, or the data directory's file. */
export function resolveDatabaseTarget(databaseUrl: string | undefined, dataDir: string): { dialect: DialectName; location: string } {
  if (!databaseUrl) return { dialect: 'sqlite', location: resolve(dataDir, 'workmate.db') };
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { dialect: 'postgres', location: databaseUrl };
  if (databaseUrl.startsWith('sqlite:')) {
    return { dialect: 'sqlite', location: resolve(databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')) };
  }
  throw new Error('DATABASE_URL must start with postgres://, postgresql:// or sqlite:');
}

export function openDatabase(input: { databaseUrl?: string; dataDir: string; poolSize?: number; sqliteAutoCheckpoint?: boolean }): DatabaseHandle {
  const target = resolveDatabaseTarget(input.databaseUrl, input.dataDir);
  return target.dialect === 'sqlite'
    ? openSqlite(target.location, { autoCheckpoint: input.sqliteAutoCheckpoint ?? true })
    : openPostgres(target.location, { poolSize: input.poolSize ?? 10 });
}

/**
 * `autoCheckpoint: false` leaves copying the write-ahead log into the database file to another
 * connection (`checkpoint()` there): `workmate serve` does so on the API thread, so that the worker
 * thread's commits never wait for a checkpoint (a third of their cost when ten thousand reminders
 * fire at once). A connection opened that way must have such a partner, or the log only grows.
 */
const SQLITE_CACHE_KIB = 32 * 1024;

export function openSqlite(path: string, options: { autoCheckpoint?: boolean } = {}): DatabaseHandle {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('synchronous = NORMAL');
  // Up to 32 MiB of pages per connection (SQLite's default is 2 MiB): a burst of reminders touches
  // the notifications table and its eight indexes, and re-reading pages through the WAL costs more
  // than the memory (bench:reminders with a larger cache: 10-15 % less CPU in the worker).
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  if (options.autoCheckpoint === false) sqlite.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Database>({
    dialect: new GuardedSqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new SqliteBooleansPlugin()],
  });
  const checkpoint = () => {
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { frames: result?.log ?? 0, checkpointed: result?.checkpointed ?? 0 };
  };
  return { db, dialect: 'sqlite', sqlitePath: path, checkpoint, destroy: () => db.destroy() };
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID) return pgTimestampToIso;
    if (oid === INT8_OID) return pgBigintToNumber;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
};

export function openPostgres(connectionString: string, options: { poolSize: number }): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize,
    types: pgTypes,
    options: '-c TimeZone=UTC',
  });
  // An idle pooled connection that the server drops (restart, failover, DROP DATABASE) emits 'error' on
  // the pool; without a listener that would crash the process. The pool replaces the connection.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

/** PGlite speaks PostgreSQL in-process; only the test suite uses it (see test-database.ts). */
export async function openPglite(client: PGlite): Promise<DatabaseHandle> {
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}

export const pgliteParsers = {
  [TIMESTAMPTZ_OID]: pgTimestampToIso,
  [INT8_OID]: pgBigintToNumber,
};
