import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../app/test-app.ts';

let testApp: TestApp;
afterEach(async () => testApp?.close());

describe('hourly sign-in clean-up', () => {
  it('purges expired sessions and login failures past their window, and nothing else', async () => {
    testApp = await createTestApp({ config: { sessionTtlDays: 1 } });
    await signUp(testApp, 'anna');
    await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'anna', password: 'wrong password!' } });
    testApp.clock.advance(2 * 86_400_000);
    const fresh = await signUp(testApp, 'ben');
    await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ben', password: 'wrong password!' } });

    await testApp.container.jobs.createWorker().runUntilIdle();

    const sessions = await testApp.database.db.selectFrom('sessions').select(['id', 'user_id']).execute();
    expect(sessions).toEqual([{ id: fresh.sessionId, user_id: fresh.userId }]);
    const failures = await testApp.database.db.selectFrom('auth_failures').select('subject').orderBy('subject').execute();
    expect(failures.map((row) => row.subject)).toEqual(['127.0.0.1', `user:${fresh.userId}`]);
  });
});
