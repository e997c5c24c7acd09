/**
 * Runs the registry's migrations with Kysely's Migrator on either dialect. Before an existing
 * SQLite file is migrated, a consistent copy is written with `VACUUM INTO` next to it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from '../db/database.ts';
import type { Clock } from '../shared/clock/clock.ts';
import { systemClock } from '../shared/clock/clock.ts';
import { migrations as registry } from './migrations.registry.ts';
import type { Migration } from './migration.types.ts';

export interface MigrationReport {
  applied: string[];
  backupPath?: string;
}

function createMigrator(handle: DatabaseHandle, migrations: readonly Migration[]): Migrator {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's migration signature
        migrations.map((migration) => [migration.name, { up: (db: Kysely<any>) => migration.up({ db, dialect: handle.dialect }) }]),
      ),
  };
  return new Migrator({ db: handle.db, provider });
}

export async function pendingMigrations(handle: DatabaseHandle, migrations: readonly Migration[] = registry): Promise<string[]> {
  const infos = await createMigrator(handle, migrations).getMigrations();
  return infos.filter((info) => info.executedAt === undefined).map((info) => info.name);
}

export async function migrateToLatest(
  handle: DatabaseHandle,
  options: { migrations?: readonly Migration[]; clock?: Clock; onProgress?: (message: string) => void } = {},
): Promise<MigrationReport> {
  const migrations = options.migrations ?? registry;
  const progress = options.onProgress ?? (() => undefined);
  const pending = await pendingMigrations(handle, migrations);
  if (pending.length === 0) return { applied: [] };

  let backupPath: string | undefined;
  if (handle.sqlitePath && (await hasApplicationTables(handle))) {
    backupPath = await backupSqlite(handle, handle.sqlitePath, (options.clock ?? systemClock).now(), pending[0] ?? 'pending');
    progress(`backed up the database to ${backupPath}`);
  }
  progress(`applying ${pending.length} migration(s): ${pending.join(', ')}`);
  const { error, results } = await createMigrator(handle, migrations).migrateToLatest();
  const applied = (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed${backupPath ? ` (backup at ${backupPath})` : ''}: ${String(error)}`, { cause: error });
  }
  return { applied, ...(backupPath ? { backupPath } : {}) };
}

async function hasApplicationTables(handle: DatabaseHandle): Promise<boolean> {
  const tables = await handle.db.introspection.getTables();
  return tables.some((table) => !table.name.startsWith('kysely_'));
}

async function backupSqlite(handle: DatabaseHandle, path: string, now: Date, nextMigration: string): Promise<string> {
  const dir = join(dirname(path), 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `workmate-${stamp}-before-${nextMigration}.sqlite`);
  await sql`VACUUM INTO ${target}`.execute(handle.db);
  return target;
}
