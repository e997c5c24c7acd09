/**
 * Export from one instance, import into an empty one on the other database: SQLite -> PostgreSQL
 * in the sqlite suite, PostgreSQL -> SQLite in the postgres suite. Every exported row and file
 * arrives unchanged, secrets are re-sealed with the target's key, and the user can log in there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, signUp, type TestApp } from '../../app/test-app.ts';
import { SEALED_COLUMNS } from '../../db/column-kinds.ts';
import { listForeignKeys, reachingUser } from '../../db/foreign-keys.ts';
import { createTestDatabase, testDialect } from '../../db/test-database.ts';
import { fillAccount } from '../users/testing/account-fixture.ts';
import { EXPORTED_TABLES, NOT_EXPORTED_TABLES } from './data-export.models.ts';
import { createDataExportRepository } from './data-export.repository.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function rowsOf(testApp: TestApp, userId: string) {
  const result: Record<string, unknown[]> = {};
  for (const spec of EXPORTED_TABLES) {
    const rows = await createDataExportRepository({ db: testApp.database.db }).readUserRows(spec, userId);
    // Sealed secrets differ by key and IV between instances: compare what they contain.
    for (const sealed of SEALED_COLUMNS.filter((entry) => entry.table === spec.table)) {
      for (const row of rows) {
        const value = row[sealed.column];
        if (typeof value === 'string') row[sealed.column] = testApp.container.secretBox.open(value, sealed.context(row as { id: string }));
      }
    }
    result[spec.table] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return result;
}

describe('export and import', () => {
  it('covers every table that reaches a user, by foreign key', async () => {
    const source = await createTestApp();
    apps.push(source);
    const tables = [...reachingUser(await listForeignKeys(source.database), 'x').keys()].sort();
    expect(tables).toEqual([...EXPORTED_TABLES.map((spec) => spec.table), ...NOT_EXPORTED_TABLES].sort());
  });

  it('round-trips a whole account into an empty instance on the other database', async () => {
    const from = testDialect();
    const to = from === 'sqlite' ? 'postgres' : 'sqlite';
    const source = await createTestApp();
    apps.push(source);
    const anna = await signUp(source, 'anna');
    await source.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: anna.headers, payload: { timezone: 'Europe/Berlin', ui_preferences: { theme: 'dark' } } });
    const { fileKey, fileBytes, integrationId } = await fillAccount(source.container, anna.userId);

    const response = await source.app.inject({ url: '/api/v1/users/me/export', headers: anna.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="workmate-export-anna-2026-11-25\.tar\.gz"$/);
    const archive = response.rawPayload;

    const target = await createTestApp({ database: await createTestDatabase({ dialect: to }) });
    apps.push(target);
    const imported = await target.container.usecases.dataExport.importUser(archive);
    expect(imported).toMatchObject({ user_id: anna.userId, username: 'anna', files: 1 });

    expect(await rowsOf(target, anna.userId)).toEqual(await rowsOf(source, anna.userId));
    expect(await target.container.storage.read(fileKey)).toEqual(fileBytes);
    // Sealed with the target's own key, and still readable there.
    const credentials = await target.database.db.selectFrom('integrations').select('credentials_encrypted').where('id', '=', integrationId).executeTakeFirstOrThrow();
    expect(target.container.secretBox.open(credentials.credentials_encrypted ?? '', `integrations.credentials_encrypted:${integrationId}`)).toBe('{"token":"paperless-token"}');
    expect((await target.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'anna', password: TEST_PASSWORD } })).statusCode).toBe(200);

    const again = await target.container.usecases.dataExport.importUser(archive).catch((error: Error) => error);
    expect((again as { code?: string }).code).toBe('export.user_exists');
    await target.database.destroy();
  });

  it('refuses what is not an export archive', async () => {
    const target = await createTestApp();
    apps.push(target);
    const error = await target.container.usecases.dataExport.importUser(Buffer.from('not an archive')).catch((caught: Error) => caught);
    expect((error as { code?: string }).code).toBe('export.invalid_archive');
  });
});
