/**
 * Deleting an account leaves no row that reaches the user through any foreign key (the tables are
 * found by introspecting the database, not from a list), no stored file, and no queued job; other
 * users keep everything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, TEST_PASSWORD, type TestApp } from '../../app/test-app.ts';
import { countReaching, listForeignKeys, reachingUser } from '../../db/foreign-keys.ts';
import { fillAccount } from './testing/account-fixture.ts';

let testApp: TestApp;
afterEach(async () => testApp?.close());

describe('deleting an account', () => {
  it('removes every row reaching the user and every file, and nothing of anyone else', async () => {
    testApp = await createTestApp();
    const anna = await signUp(testApp, 'anna');
    const ben = await signUp(testApp, 'ben');
    const annasFile = await fillAccount(testApp.container, anna.userId);
    const bensFile = await fillAccount(testApp.container, ben.userId);

    const keys = await listForeignKeys(testApp.database);
    const annas = reachingUser(keys, anna.userId);
    const bens = reachingUser(keys, ben.userId);
    const before = await countReaching(testApp.database.db, annas);
    // The fixture must cover every table that reaches a user, or this test would prove nothing for it.
    expect(Object.entries(before).filter(([, count]) => count === 0).map(([table]) => table)).toEqual([]);
    const bensBefore = await countReaching(testApp.database.db, bens);

    const wrong = await testApp.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: anna.headers, payload: { password: 'not my password' } });
    expect(wrong.statusCode).toBe(403);
    const deleted = await testApp.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: anna.headers, payload: { password: TEST_PASSWORD } });
    expect(deleted.statusCode).toBe(204);

    const after = await countReaching(testApp.database.db, annas);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    expect(await testApp.container.storage.exists(annasFile.fileKey)).toBe(false);
    expect(await testApp.container.storage.list(`${anna.userId}/`)).toEqual([]);
    expect(await countReaching(testApp.database.db, bens)).toEqual(bensBefore);
    expect(await testApp.container.storage.read(bensFile.fileKey)).toEqual(bensFile.fileBytes);
    expect((await testApp.app.inject({ url: '/api/v1/users/me', headers: anna.headers })).statusCode).toBe(401);
  });
});
