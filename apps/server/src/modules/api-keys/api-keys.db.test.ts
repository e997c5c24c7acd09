import type { InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, type TestApp } from '../../app/test-app.ts';

let testApp: TestApp;
afterEach(async () => testApp?.close());
const inject = (options: InjectOptions) => testApp.app.inject(options);

describe('API keys', () => {
  it('are shown once, stored hashed, work as Bearer tokens, record their use, and stop working when revoked or expired', async () => {
    testApp = await createTestApp();
    const anna = await signUp(testApp, 'anna');
    const created = await inject({ method: 'POST', url: '/api/v1/auth/api-keys', headers: anna.headers, payload: { name: 'Paperless sync', expires_at: '2026-12-31T00:00:00.000Z' } });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json<{ id: string; key: string }>();
    expect(key).toMatch(/^wmk_/);
    const stored = await testApp.database.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key);

    const withKey = { authorization: `Bearer ${key}` };
    expect((await inject({ url: '/api/v1/users/me', headers: withKey })).json().username).toBe('anna');
    const listed = (await inject({ url: '/api/v1/auth/api-keys', headers: anna.headers })).json<{ id: string; last_used_at: string | null; key?: string }[]>();
    expect(listed).toEqual([expect.objectContaining({ id, last_used_at: '2026-11-25T10:00:00.000Z' })]);
    expect(listed[0]?.key).toBeUndefined();

    // A key cannot manage credentials or the account.
    expect((await inject({ method: 'POST', url: '/api/v1/auth/api-keys', headers: withKey, payload: { name: 'another' } })).json().error.code).toBe('auth.session_required');
    expect((await inject({ method: 'DELETE', url: '/api/v1/users/me', headers: withKey, payload: { password: 'x' } })).json().error.code).toBe('auth.session_required');

    testApp.clock.set('2027-01-01T00:00:00.000Z');
    expect((await inject({ url: '/api/v1/users/me', headers: withKey })).statusCode).toBe(401);
    testApp.clock.set('2026-11-26T00:00:00.000Z');
    const fresh = await signUp(testApp, 'ben');
    const bensKey = (await inject({ method: 'POST', url: '/api/v1/auth/api-keys', headers: fresh.headers, payload: { name: 'script' } })).json<{ id: string; key: string }>();
    const annaNow = await logIn(testApp, 'anna');
    expect((await inject({ method: 'DELETE', url: `/api/v1/auth/api-keys/${bensKey.id}`, headers: annaNow.headers })).statusCode).toBe(404);
    expect((await inject({ method: 'DELETE', url: `/api/v1/auth/api-keys/${bensKey.id}`, headers: fresh.headers })).statusCode).toBe(204);
    expect((await inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${bensKey.key}` } })).statusCode).toBe(401);
  });

  it('refuses an expiry in the past', async () => {
    testApp = await createTestApp();
    const anna = await signUp(testApp, 'anna');
    const response = await inject({ method: 'POST', url: '/api/v1/auth/api-keys', headers: anna.headers, payload: { name: 'old', expires_at: '2020-01-01T00:00:00.000Z' } });
    expect([response.statusCode, response.json().error.message]).toEqual([400, 'expires_at must be in the future.']);
  });
});
