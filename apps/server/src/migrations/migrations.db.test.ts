import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Migration } from './migration.types.ts';
import { createTestDatabase, type TestDatabase } from '../db/test-database.ts';
import { migrateToLatest, pendingMigrations } from './migrator.ts';
import { migrations } from './migrations.registry.ts';
import { SEED_COLUMNS, SEED_INDEXES } from './seed-columns.ts';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.destroy();
  database = undefined;
});

describe('migrations', () => {
  it('have unique names with a 4-digit sequence, in registry order', () => {
    const names = migrations.map((migration) => migration.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^\d{4}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });

  it('apply one after another on an empty database, each prefix leaving a working schema', async () => {
    database = await createTestDatabase({ migrate: false });
    for (let count = 1; count <= migrations.length; count += 1) {
      const report = await migrateToLatest(database, { migrations: migrations.slice(0, count) });
      expect(report.applied).toEqual([migrations[count - 1]?.name]);
    }
    expect(await pendingMigrations(database)).toEqual([]);
    expect((await migrateToLatest(database)).applied).toEqual([]);
  });

  it('create every seed table and column with the seed name', async () => {
    database = await createTestDatabase();
    const tables = await database.db.introspection.getTables();
    const columnsByTable = new Map(tables.map((table) => [table.name, new Set(table.columns.map((column) => column.name))]));
    const missing: string[] = [];
    for (const [table, columns] of Object.entries(SEED_COLUMNS)) {
      const actual = columnsByTable.get(table);
      if (!actual) missing.push(`table ${table}`);
      else for (const column of columns) if (!actual.has(column)) missing.push(`${table}.${column}`);
    }
    expect(missing).toEqual([]);
  });

  it('create every index of the seed Indexes Summary', async () => {
    database = await createTestDatabase();
    const names =
      database.dialect === 'postgres'
        ? (await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`.execute(database.db)).rows
        : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type IN ('index', 'table')`.execute(database.db)).rows;
    const present = new Set(names.map((row) => row.name));
    const missing = SEED_INDEXES.filter((index) => {
      const name = database?.dialect === 'sqlite' ? (index.sqliteEquivalent ?? index.name) : index.name;
      return !present.has(name);
    });
    expect(missing).toEqual([]);
  });

  it('back up an existing SQLite file with VACUUM INTO before migrating it', async () => {
    database = await createTestDatabase();
    await database.db.insertInto('users').values({ id: '00000000-0000-4000-8000-000000000001', username: 'anna', email: 'anna@example.org', password_hash: 'x' }).execute();
    const next: Migration = {
      name: '9999-test-extra-table',
      up: async ({ db }) => {
        await db.schema.createTable('test_extra').addColumn('id', 'integer').execute();
      },
    };
    const report = await migrateToLatest(database, { migrations: [...migrations, next] });
    expect(report.applied).toEqual(['9999-test-extra-table']);
    if (database.dialect === 'postgres') {
      expect(report.backupPath).toBeUndefined();
      return;
    }
    expect(report.backupPath).toMatch(/backups\/workmate-.*-before-9999-test-extra-table\.sqlite$/);
    expect(existsSync(report.backupPath ?? '')).toBe(true);
    const backup = new BetterSqlite3(report.backupPath ?? '', { readonly: true });
    const tables = (backup.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name);
    const users = backup.prepare('SELECT username FROM users').all();
    backup.close();
    expect(tables).toContain('users');
    expect(tables).not.toContain('test_extra');
    expect(users).toEqual([{ username: 'anna' }]);
  });

  it('do not back up a new, empty SQLite file', async () => {
    database = await createTestDatabase({ migrate: false });
    expect((await migrateToLatest(database)).backupPath).toBeUndefined();
  });
});
