/**
 * Test database factory: every test file gets its own fresh database.
 * - sqlite: a new file in a temporary folder.
 * - postgres: a new database on the server named by TEST_DATABASE_URL, dropped afterwards;
 *   without that variable, an in-process PGlite (not under CI=true, where a missing server fails).
 * The dialect comes from WORKMATE_TEST_DIALECT (set per suite by vitest.config.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest } from '../migrations/migrator.ts';
import { openPglite, openPostgres, openSqlite, pgliteParsers, type DatabaseHandle, type DialectName } from './database.ts';

export interface TestDatabase extends DatabaseHandle {
  /** A URL other processes can open (DATABASE_URL form); absent for PGlite. */
  url?: string;
}

export function testDialect(): DialectName {
  const dialect = process.env.WORKMATE_TEST_DIALECT ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres') {
    throw new Error(`WORKMATE_TEST_DIALECT must be sqlite or postgres, got "${dialect}"`);
  }
  return dialect;
}

export async function createTestDatabase(options: { dialect?: DialectName; migrate?: boolean } = {}): Promise<TestDatabase> {
  const dialect = options.dialect ?? testDialect();
  const handle = dialect === 'sqlite' ? createSqliteTestDatabase() : await createPostgresTestDatabase();
  if (options.migrate ?? true) await migrateToLatest(handle);
  return handle;
}

function createSqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'workmate-test-'));
  const path = join(dir, 'workmate.db');
  const handle = openSqlite(path);
  return {
    ...handle,
    url: `sqlite:${path}`,
    destroy: async () => {
      await handle.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    if (process.env.CI === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite needs a server');
    return createPgliteTestDatabase();
  }
  const name = `workmate_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), { poolSize: 5 });
  return {
    ...handle,
    url: url.toString(),
    destroy: async () => {
      await handle.destroy();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

let pgliteTemplate: Promise<Blob> | undefined;

/** initdb in WASM takes seconds, so each test file copies one freshly initialised data directory. */
async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  pgliteTemplate ??= (async () => {
    const template = new PGlite();
    await template.waitReady;
    const dump = await template.dumpDataDir('none');
    await template.close();
    return dump;
  })();
  const client = new PGlite({ loadDataDir: await pgliteTemplate, parsers: pgliteParsers });
  return openPglite(client);
}
