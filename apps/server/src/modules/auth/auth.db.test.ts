/** Log-in, tokens, sessions, cookies and throttling, through the HTTP API on both databases. */
import type { InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, logIn, signUp, TEST_PASSWORD, type TestApp } from '../../app/test-app.ts';
import { writeTestGeoIpDatabase } from '../../shared/geoip/testing/mmdb-writer.ts';

let testApp: TestApp;
afterEach(async () => testApp?.close());

const inject = (options: InjectOptions) => testApp.app.inject(options);
const login = (payload: Record<string, unknown>, extra: { ip?: string; userAgent?: string } = {}) =>
  inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'user-agent': extra.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' }, ...(extra.ip ? { remoteAddress: extra.ip } : {}) });

describe('registration', () => {
  it('lets the first user in as admin, then follows WORKMATE_REGISTRATION', async () => {
    testApp = await createTestApp({ config: { registration: 'closed' } });
    const register = (username: string, extra: Record<string, unknown> = {}) =>
      inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username, email: `${username}@example.org`, password: TEST_PASSWORD, timezone: 'Europe/Berlin', ...extra } });
    const first = await register('anna');
    expect([first.statusCode, first.json().role, first.json().timezone]).toEqual([201, 'admin', 'Europe/Berlin']);
    expect((await register('ben')).json().error.code).toBe('auth.registration_closed');
    expect((await register('ANNA')).statusCode).toBe(403); // closed before the duplicate is even looked at
  });

  it('with invites: a link works once and only before it expires', async () => {
    testApp = await createTestApp({ config: { registration: 'invite', publicUrl: 'https://workmate.example.org' } });
    const admin = await signUp(testApp, 'anna');
    const created = await inject({ method: 'POST', url: '/api/v1/admin/invites', headers: admin.headers, payload: { expires_in_days: 1 } });
    expect(created.statusCode).toBe(201);
    const { token, url } = created.json<{ token: string; url: string }>();
    expect(url).toBe(`https://workmate.example.org/register?invite=${encodeURIComponent(token)}`);
    const register = (username: string, invite_token?: string) =>
      inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username, email: `${username}@example.org`, password: TEST_PASSWORD, ...(invite_token ? { invite_token } : {}) } });
    expect((await register('ben')).json().error.code).toBe('auth.invite_invalid');
    expect((await register('ben', token)).statusCode).toBe(201);
    expect((await register('carl', token)).json().error.code).toBe('auth.invite_invalid');

    const forErin = (await inject({ method: 'POST', url: '/api/v1/admin/invites', headers: admin.headers, payload: { email: 'erin@example.org' } })).json<{ token: string }>();
    expect((await register('mallory', forErin.token)).json().error.message).toBe('This invite is for another e-mail address.');
    expect((await register('erin', forErin.token)).statusCode).toBe(201);

    const later = (await inject({ method: 'POST', url: '/api/v1/admin/invites', headers: admin.headers, payload: {} })).json<{ token: string }>();
    testApp.clock.advance(8 * 86_400_000);
    expect((await register('dora', later.token)).json().error.code).toBe('auth.invite_invalid');
  });

  it('refuses weak passwords and unknown time zones, naming the problem', async () => {
    testApp = await createTestApp({ config: { registration: 'open' } });
    const common = await inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'anna', email: 'anna@example.org', password: '1234567890' } });
    expect([common.statusCode, common.json().error.message]).toEqual([400, expect.stringMatching(/most common/)]);
    const zone = await inject({ method: 'POST', url: '/api/v1/auth/register', payload: { username: 'anna', email: 'anna@example.org', password: TEST_PASSWORD, timezone: 'Europe/Bielefeld' } });
    expect(zone.json().error.message).toMatch(/timezone: unknown time zone/);
  });
});

describe('log-in and tokens', () => {
  it('answers unknown users and wrong passwords alike, and accepts username or e-mail', async () => {
    testApp = await createTestApp();
    await signUp(testApp, 'anna');
    const unknown = await login({ username: 'nobody', password: TEST_PASSWORD });
    const wrong = await login({ username: 'anna', password: 'not the password' });
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json()).toEqual(wrong.json());
    expect((await login({ username: 'ANNA@example.org', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('blocks inactive accounts', async () => {
    testApp = await createTestApp();
    const anna = await signUp(testApp, 'anna');
    await testApp.database.db.updateTable('users').set({ is_active: false }).where('id', '=', anna.userId).execute();
    expect((await login({ username: 'anna', password: TEST_PASSWORD })).json().error.code).toBe('auth.account_disabled');
    expect((await inject({ url: '/api/v1/users/me', headers: anna.headers })).statusCode).toBe(401);
  });

  it('rotates the refresh token on every use; reusing an old one ends the session', async () => {
    testApp = await createTestApp();
    const anna = await signUp(testApp, 'anna');
    const first = await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: anna.refreshToken } });
    expect(first.statusCode).toBe(200);
    const rotated = first.json<{ access_token: string; refresh_token: string }>();
    expect(rotated.refresh_token).not.toBe(anna.refreshToken);
    expect((await inject({ url: '/api/v1/users/me', headers: anna.headers })).statusCode).toBe(401); // old access token replaced
    expect((await inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${rotated.access_token}` } })).statusCode).toBe(200);

    const reuse = await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: anna.refreshToken } });
    expect([reuse.statusCode, reuse.json().error.code]).toEqual([401, 'auth.refresh_token_reused']);
    expect((await inject({ url: '/api/v1/users/me', headers: { authorization: `Bearer ${rotated.access_token}` } })).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: rotated.refresh_token } })).statusCode).toBe(401);
  });

  it('refuses an expired access token and an expired session', async () => {
    testApp = await createTestApp({ config: { accessTokenTtlSeconds: 900, sessionTtlDays: 30 } });
    const anna = await signUp(testApp, 'anna');
    testApp.clock.advance(901_000);
    expect((await inject({ url: '/api/v1/users/me', headers: anna.headers })).json().error.code).toBe('auth.unauthenticated');
    const refreshed = (await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: anna.refreshToken } })).json<{ refresh_token: string }>();
    testApp.clock.advance(31 * 86_400_000);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refresh_token: refreshed.refresh_token } })).json().error.code).toBe('auth.invalid_token');
  });

  it('lists sessions with the current one marked, and ends them one by one or all others', async () => {
    testApp = await createTestApp();
    const laptop = await signUp(testApp, 'anna');
    const phone = await logIn(testApp, 'anna', { userAgent: 'Workmate-Android/1.0 (Linux; Android 14; Pixel 8)' });
    const sessions = (await inject({ url: '/api/v1/auth/sessions', headers: laptop.headers })).json<{ id: string; current: boolean; device_type: string }[]>();
    expect(sessions.map((session) => [session.id === laptop.sessionId, session.current])).toEqual(expect.arrayContaining([[true, true], [false, false]]));
    expect(sessions.find((session) => session.id === phone.sessionId)?.device_type).toBe('android');

    expect((await inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${phone.sessionId}`, headers: laptop.headers })).statusCode).toBe(204);
    expect((await inject({ url: '/api/v1/users/me', headers: phone.headers })).statusCode).toBe(401);
    const tablet = await logIn(testApp, 'anna');
    expect((await inject({ method: 'DELETE', url: '/api/v1/auth/sessions', headers: laptop.headers })).json()).toEqual({ revoked: 1 });
    expect((await inject({ url: '/api/v1/users/me', headers: tablet.headers })).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: laptop.headers })).statusCode).toBe(204);
    expect((await inject({ url: '/api/v1/users/me', headers: laptop.headers })).statusCode).toBe(401);
  });

  it('ends every other session when the password changes', async () => {
    testApp = await createTestApp();
    const here = await signUp(testApp, 'anna');
    const elsewhere = await logIn(testApp, 'anna');
    const wrong = await inject({ method: 'PUT', url: '/api/v1/users/me/password', headers: here.headers, payload: { current_password: 'nope nope nope', new_password: 'a brand new passphrase' } });
    expect(wrong.json().error.code).toBe('users.wrong_password');
    const changed = await inject({ method: 'PUT', url: '/api/v1/users/me/password', headers: here.headers, payload: { current_password: TEST_PASSWORD, new_password: 'a brand new passphrase' } });
    expect(changed.json()).toEqual({ ended_sessions: 1 });
    expect((await inject({ url: '/api/v1/users/me', headers: elsewhere.headers })).statusCode).toBe(401);
    expect((await inject({ url: '/api/v1/users/me', headers: here.headers })).statusCode).toBe(200);
    expect((await login({ username: 'anna', password: 'a brand new passphrase' })).statusCode).toBe(200);
  });

  it('makes a one-time password be changed before anything else', async () => {
    testApp = await createTestApp();
    const admin = await signUp(testApp, 'anna');
    const created = await inject({ method: 'POST', url: '/api/v1/admin/users', headers: admin.headers, payload: { username: 'ben', email: 'ben@example.org' } });
    const { one_time_password } = created.json<{ one_time_password: string }>();
    const ben = (await login({ username: 'ben', password: one_time_password })).json<{ access_token: string; password_change_required: boolean }>();
    expect(ben.password_change_required).toBe(true);
    const headers = { authorization: `Bearer ${ben.access_token}` };
    expect((await inject({ method: 'PATCH', url: '/api/v1/users/me', headers, payload: { full_name: 'Ben' } })).json().error.code).toBe('auth.password_change_required');
    expect((await inject({ method: 'PUT', url: '/api/v1/users/me/password', headers, payload: { current_password: one_time_password, new_password: 'bens own passphrase' } })).statusCode).toBe(200);
    expect((await inject({ method: 'PATCH', url: '/api/v1/users/me', headers, payload: { full_name: 'Ben' } })).json().full_name).toBe('Ben');
  });
});

describe('web sessions with cookies', () => {
  it('sets HttpOnly SameSite cookies and refuses state changes without the CSRF token', async () => {
    testApp = await createTestApp();
    await signUp(testApp, 'anna');
    const response = await login({ username: 'anna', password: TEST_PASSWORD, session_type: 'cookie' });
    expect(response.json().access_token).toBeUndefined();
    const csrf = response.json<{ csrf_token: string }>().csrf_token;
    const cookies = Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie]));
    expect(cookies.wm_access).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookies.wm_refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/refresh' });
    expect(cookies.wm_csrf?.httpOnly).toBeUndefined();
    const cookie = { wm_access: cookies.wm_access?.value ?? '' };

    expect((await inject({ url: '/api/v1/users/me', cookies: cookie })).statusCode).toBe(200);
    const forged = await inject({ method: 'PATCH', url: '/api/v1/users/me', cookies: cookie, payload: { full_name: 'Mallory' } });
    expect([forged.statusCode, forged.json().error.code]).toEqual([403, 'auth.csrf_failed']);
    const wrongToken = await inject({ method: 'PATCH', url: '/api/v1/users/me', cookies: cookie, headers: { 'x-csrf-token': 'wmc_wrong' }, payload: { full_name: 'Mallory' } });
    expect(wrongToken.statusCode).toBe(403);
    const genuine = await inject({ method: 'PATCH', url: '/api/v1/users/me', cookies: cookie, headers: { 'x-csrf-token': csrf }, payload: { full_name: 'Anna' } });
    expect(genuine.json().full_name).toBe('Anna');

    const refreshNoCsrf = await inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { wm_refresh: cookies.wm_refresh?.value ?? '' } });
    expect(refreshNoCsrf.json().error.code).toBe('auth.csrf_failed');
    const refreshed = await inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { wm_refresh: cookies.wm_refresh?.value ?? '' }, headers: { 'x-csrf-token': csrf } });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.cookies.map((item) => item.name).sort()).toEqual(['wm_access', 'wm_csrf', 'wm_refresh']);
    expect(refreshed.cookies.find((item) => item.name === 'wm_csrf')?.value).toBe(csrf);
  });

  it('marks cookies Secure behind a trusted HTTPS proxy only', async () => {
    testApp = await createTestApp({ config: { trustedProxies: '10.0.0.1' } });
    await signUp(testApp, 'anna');
    const viaProxy = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'anna', password: TEST_PASSWORD, session_type: 'cookie' } });
    expect(viaProxy.cookies.every((cookie) => cookie.secure === true)).toBe(true);
    const spoofed = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'anna', password: TEST_PASSWORD, session_type: 'cookie' } });
    expect(spoofed.cookies.some((cookie) => cookie.secure === true)).toBe(false);
    const ips = (await testApp.database.db.selectFrom('sessions').select('ip_address').orderBy('created_at').execute()).map((row) => row.ip_address);
    expect(ips.slice(-2)).toEqual(['203.0.113.9', '198.51.100.7']);
  });
});

describe('abuse limits', () => {
  it('answers 429 with Retry-After after 10 failures for an account, and lets it in again after the window', async () => {
    testApp = await createTestApp();
    await signUp(testApp, 'anna');
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await login({ username: 'anna', password: `wrong ${attempt}` }, { ip: `198.51.100.${attempt}` })).statusCode).toBe(401);
    }
    const blocked = await login({ username: 'anna', password: TEST_PASSWORD }, { ip: '203.0.113.1' });
    expect([blocked.statusCode, blocked.headers['retry-after']]).toEqual([429, '900']);
    testApp.clock.advance(14 * 60_000);
    expect((await login({ username: 'anna', password: TEST_PASSWORD })).statusCode).toBe(429);
    testApp.clock.advance(60_000 + 1000);
    expect((await login({ username: 'anna', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('counts the username and the e-mail address of one account together', async () => {
    testApp = await createTestApp();
    await signUp(testApp, 'anna');
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await login({ username: attempt % 2 ? 'anna' : 'ANNA@example.org', password: 'wrong!' }, { ip: `198.51.100.${attempt}` });
    }
    expect((await login({ username: 'anna@example.org', password: TEST_PASSWORD }, { ip: '203.0.113.1' })).statusCode).toBe(429);
  });

  it('does not let attempts sent all at once slip past the limit', async () => {
    testApp = await createTestApp();
    await signUp(testApp, 'anna');
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, attempt) => login({ username: 'anna', password: `wrong ${attempt}` }, { ip: `198.51.100.${attempt}` }).then((response) => response.statusCode)));
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(20);
  });

  it('limits password checks of signed-in users too, so a stolen session is no password oracle', async () => {
    testApp = await createTestApp();
    const anna = await signUp(testApp, 'anna');
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const wrong = await inject({ method: 'PUT', url: '/api/v1/users/me/password', headers: anna.headers, payload: { current_password: `guess number ${attempt}`, new_password: 'a brand new passphrase' } });
      expect(wrong.statusCode).toBe(403);
    }
    const blocked = await inject({ method: 'DELETE', url: '/api/v1/users/me', headers: anna.headers, payload: { password: TEST_PASSWORD } });
    expect(blocked.statusCode).toBe(429);
  });

  it('answers 429 after 30 failures from one IP across accounts', async () => {
    testApp = await createTestApp();
    await signUp(testApp, 'anna');
    for (let attempt = 0; attempt < 30; attempt += 1) await login({ username: `guess${attempt}`, password: 'x' }, { ip: '203.0.113.50' });
    expect((await login({ username: 'anna', password: TEST_PASSWORD }, { ip: '203.0.113.50' })).statusCode).toBe(429);
    expect((await login({ username: 'anna', password: TEST_PASSWORD }, { ip: '203.0.113.51' })).statusCode).toBe(200);
  });
});

describe('suspicious logins', () => {
  it('flags a new device on a new network, raises an event, and lets the user confirm it', async () => {
    testApp = await createTestApp();
    const home = await signUp(testApp, 'anna', { ip: '203.0.113.10' });
    const sameNetwork = await logIn(testApp, 'anna', { ip: '203.0.113.99', userAgent: 'Workmate-iOS/1.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)' });
    const stranger = await inject({
      method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.20',
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' },
      payload: { username: 'anna', password: TEST_PASSWORD },
    });
    expect(stranger.json().is_suspicious).toBe(true);
    const strangerId = stranger.json<{ session_id: string }>().session_id;
    const flagged = (await inject({ url: '/api/v1/auth/sessions', headers: home.headers })).json<{ id: string; is_suspicious: boolean }[]>();
    expect(flagged.filter((session) => session.is_suspicious).map((session) => session.id)).toEqual([strangerId]);
    expect(flagged.find((session) => session.id === sameNetwork.sessionId)?.is_suspicious).toBe(false);
    const events = await testApp.database.db.selectFrom('outbox_events').select(['type', 'user_id']).execute();
    expect(events).toEqual([{ type: 'auth.suspicious_login', user_id: home.userId }]);

    const confirmed = await inject({ method: 'POST', url: `/api/v1/auth/sessions/${strangerId}/confirm`, headers: home.headers });
    expect(confirmed.json().is_suspicious).toBe(false);
    const again = await inject({
      method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.21',
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' },
      payload: { username: 'anna', password: TEST_PASSWORD },
    });
    expect(again.json().is_suspicious).toBe(false);
  });

  it('with a GeoIP database, treats a new network in a known country as known, and records country and city', async () => {
    testApp = await createTestApp({ config: { geoipDatabase: writeTestGeoIpDatabase() } });
    const berlin = await signUp(testApp, 'anna', { ip: '203.0.113.10' });
    const iphone = 'Workmate-iOS/1.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)';
    const hamburg = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.20', headers: { 'user-agent': iphone }, payload: { username: 'anna', password: TEST_PASSWORD } });
    expect(hamburg.json().is_suspicious).toBe(false);
    const lyon = await inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.30', headers: { 'user-agent': 'Workmate-Android/1.0 (Linux; Android 14)' }, payload: { username: 'anna', password: TEST_PASSWORD } });
    expect(lyon.json().is_suspicious).toBe(true);
    const sessions = (await inject({ url: '/api/v1/auth/sessions', headers: berlin.headers })).json<{ country: string; city: string; is_suspicious: boolean }[]>();
    expect(sessions.map((session) => [session.country, session.city, session.is_suspicious]).sort()).toEqual([
      ['DE', 'Berlin', false],
      ['DE', 'Hamburg', false],
      ['FR', 'Lyon', true],
    ]);
  });
});
