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
import { EXPORTED_TABLES, NOT_EXPORTED_TABLES, type ExportDocument } from './data-export.models.ts';
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
    expect(imported).toMatchObject({ user_id: anna.userId, username: 'anna', files: 3 }); // the invoice PDF and the two photographed pages

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

  it('refuses an edited archive that reaches beyond its user, and never grants admin rights', async () => {
    const source = await createTestApp();
    apps.push(source);
    const mallory = await signUp(source, 'mallory');
    const archive = (await source.app.inject({ url: '/api/v1/users/me/export', headers: mallory.headers })).rawPayload;

    const target = await createTestApp();
    apps.push(target);
    const victim = await signUp(target, 'victim');
    const tamper = async (change: (document: ExportDocument) => void) => {
      const { gunzipSync, gzipSync } = await import('node:zlib');
      const tar = (await import('tar-stream')).default;
      const extract = tar.extract();
      const entries: { name: string; content: Buffer }[] = [];
      const reading = (async () => {
        for await (const entry of extract) {
          const chunks: Buffer[] = [];
          for await (const chunk of entry) chunks.push(chunk as Buffer);
          entries.push({ name: entry.header.name, content: Buffer.concat(chunks) });
        }
      })();
      extract.end(gunzipSync(archive));
      await reading;
      const data = entries.find((entry) => entry.name === 'workmate-export.json');
      const document = JSON.parse(data?.content.toString() ?? '{}') as ExportDocument;
      change(document);
      const pack = tar.pack();
      pack.entry({ name: 'workmate-export.json' }, JSON.stringify(document));
      pack.finalize();
      const chunks: Buffer[] = [];
      for await (const chunk of pack) chunks.push(chunk as Buffer);
      return gzipSync(Buffer.concat(chunks));
    };
    const importing = (bytes: Buffer) => target.container.usecases.dataExport.importUser(bytes).catch((error: { code?: string; message: string }) => error);

    const stolenKey = await tamper((document) => {
      document.tables.api_keys = [{ id: '00000000-0000-4000-8000-00000000000a', user_id: victim.userId, name: 'x', key_hash: 'f'.repeat(64), key_prefix: 'wmk_x', created_at: '2026-11-25T10:00:00.000Z', last_used_at: null, expires_at: null }];
    });
    expect(await importing(stolenKey)).toMatchObject({ code: 'export.invalid_archive', message: 'api_keys.user_id points outside the archive.' });
    const foreignFile = await tamper((document) => {
      const user = document.tables.users?.[0] as { id: string };
      document.tables.files = [{ id: '00000000-0000-4000-8000-00000000000b', user_id: user.id, path: `${victim.userId}/secret`, original_filename: 'x.pdf', size_bytes: 1, mime_type: 'application/pdf', checksum: 'a'.repeat(64), storage_backend: 'local', thumbnail_path: null, extracted_text: null, ocr_language: null, created_at: '2026-11-25T10:00:00.000Z' }];
    });
    expect(await importing(foreignFile)).toMatchObject({ code: 'export.invalid_archive' });
    const admin = await tamper((document) => {
      (document.tables.users?.[0] as { role: string }).role = 'admin';
    });
    expect(await importing(admin)).toMatchObject({ username: 'mallory' });
    const imported = await target.database.db.selectFrom('users').select('role').where('username', '=', 'mallory').executeTakeFirstOrThrow();
    expect(imported.role).toBe('user');
  });

  it('still exports when a stored file has gone missing', async () => {
    const source = await createTestApp();
    apps.push(source);
    const anna = await signUp(source, 'anna');
    const { fileKey } = await fillAccount(source.container, anna.userId);
    await source.container.storage.delete(fileKey);
    const response = await source.app.inject({ url: '/api/v1/users/me/export', headers: anna.headers });
    expect(response.statusCode).toBe(200);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(response.rawPayload).includes(Buffer.from('workmate-export.json'))).toBe(true);
    expect((await source.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('refuses what is not an export archive', async () => {
    const target = await createTestApp();
    apps.push(target);
    const error = await target.container.usecases.dataExport.importUser(Buffer.from('not an archive')).catch((caught: Error) => caught);
    expect((error as { code?: string }).code).toBe('export.invalid_archive');
  });
});
