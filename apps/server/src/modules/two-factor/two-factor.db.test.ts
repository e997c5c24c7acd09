/** TOTP enrolment and log-in with codes, through the HTTP API, with the clock moved by the test. */
import type { InjectOptions } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, TEST_PASSWORD, type TestApp } from '../../app/test-app.ts';

let testApp: TestApp;
afterEach(async () => testApp?.close());
const inject = (options: InjectOptions) => testApp.app.inject(options);

function codeAt(secret: string, time: Date): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: time.getTime() });
}

describe('two-factor authentication', () => {
  it('enrols, logs in with a code once, takes each recovery code once, and turns off with password and code', async () => {
    testApp = await createTestApp();
    const anna = await signUp(testApp, 'anna');
    const setup = await inject({ method: 'POST', url: '/api/v1/auth/2fa/setup', headers: anna.headers, payload: { password: TEST_PASSWORD } });
    const { secret, otpauth_uri, qr_code_svg } = setup.json<{ secret: string; otpauth_uri: string; qr_code_svg: string }>();
    expect(otpauth_uri).toMatch(/^otpauth:\/\/totp\/Workmate:anna\?/);
    expect(qr_code_svg).toMatch(/^<svg/);

    // Stored sealed, never in the clear, and 2FA is not on until a correct code.
    const stored = await testApp.database.db.selectFrom('users').select(['two_factor_secret', 'two_factor_enabled']).where('id', '=', anna.userId).executeTakeFirstOrThrow();
    expect(stored.two_factor_secret).toMatch(/^wm1\./);
    expect(stored.two_factor_secret).not.toContain(secret);
    expect(Boolean(stored.two_factor_enabled)).toBe(false);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/2fa/enable', headers: anna.headers, payload: { code: '000000' } })).json().error.code).toBe('two_factor.invalid_code');

    const enabled = await inject({ method: 'POST', url: '/api/v1/auth/2fa/enable', headers: anna.headers, payload: { code: codeAt(secret, testApp.clock.now()) } });
    const recoveryCodes = enabled.json<{ recovery_codes: string[] }>().recovery_codes;
    expect(recoveryCodes).toHaveLength(10);
    const me = (await inject({ url: '/api/v1/users/me', headers: anna.headers })).json();
    expect(me.two_factor_enabled).toBe(true);
    expect(JSON.stringify(me)).not.toContain(secret);

    const login = (extra: Record<string, unknown>) => inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'anna', password: TEST_PASSWORD, ...extra } });
    expect((await login({})).json().error.code).toBe('auth.totp_required');
    // The code used to enable is spent: the next one is needed.
    expect((await login({ totp_code: codeAt(secret, testApp.clock.now()) })).json().error.code).toBe('auth.invalid_totp');
    testApp.clock.advance(30_000);
    const code = codeAt(secret, testApp.clock.now());
    expect((await login({ totp_code: code })).statusCode).toBe(200);
    expect((await login({ totp_code: code })).json().error.code).toBe('auth.invalid_totp');
    testApp.clock.advance(10 * 60_000);
    expect((await login({ totp_code: code })).json().error.code).toBe('auth.invalid_totp'); // too old anyway

    const recovery = recoveryCodes[3] ?? '';
    expect((await login({ recovery_code: recovery.toUpperCase() })).statusCode).toBe(200);
    expect((await login({ recovery_code: recovery })).json().error.code).toBe('auth.invalid_totp');
    expect((await inject({ url: '/api/v1/auth/2fa', headers: anna.headers })).json()).toEqual({ enabled: true, recovery_codes_left: 9 });

    testApp.clock.advance(30_000);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/2fa/disable', headers: anna.headers, payload: { password: 'wrong password!', code: codeAt(secret, testApp.clock.now()) } })).statusCode).toBe(403);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/2fa/disable', headers: anna.headers, payload: { password: TEST_PASSWORD, code: codeAt(secret, testApp.clock.now()) } })).statusCode).toBe(204);
    expect((await login({})).statusCode).toBe(200);
    const after = await testApp.database.db.selectFrom('users').select('two_factor_secret').where('id', '=', anna.userId).executeTakeFirstOrThrow();
    expect(after.two_factor_secret).toBeNull();
  });
});
