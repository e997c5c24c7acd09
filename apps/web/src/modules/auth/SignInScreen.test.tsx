import { configure, screen, waitFor } from '@testing-library/react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import userEvent from '@testing-library/user-event';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { ME_KEY, type Me } from '../../shared/session/session.tsx';
import { anonymousApi, renderScreen, signUpForTest, TEST_PASSWORD, type TestUser } from '../../shared/testing/render.tsx';
import { SignInScreen } from './SignInScreen.tsx';

// The server hashes passwords on purpose slowly, and the test machine is shared: wait longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

/** The test server's clock stands still at this instant. */
const SERVER_NOW = Date.parse('2026-11-25T10:00:00Z');

function renderSignIn(route = '/login') {
  return renderScreen(<SignInScreen />, {
    api: anonymousApi(),
    route,
    path: '/login',
    extraRoutes: { '/': <h1>Start page</h1>, '/tasks': <h1>Tasks page</h1> },
  });
}

async function cookieSessions(user: TestUser): Promise<number> {
  const sessions = await unwrap(user.api.GET('/api/v1/auth/sessions'));
  return sessions.filter((session) => session.kind === 'cookie').length;
}

/** Turns on 2FA for the user through the API, using the code of the previous 30 s step (the next sign-in uses the current one). */
async function enableTwoFactor(user: TestUser): Promise<{ totp: TOTP; recoveryCodes: string[] }> {
  const setup = await unwrap(user.api.POST('/api/v1/auth/2fa/setup', { body: { password: TEST_PASSWORD } }));
  const totp = new TOTP({ secret: Secret.fromBase32(setup.secret), digits: 6, period: 30, algorithm: 'SHA1' });
  const { recovery_codes } = await unwrap(user.api.POST('/api/v1/auth/2fa/enable', { body: { code: totp.generate({ timestamp: SERVER_NOW - 30_000 }) } }));
  return { totp, recoveryCodes: recovery_codes };
}

/** Puts a profile into the session cache before the screen asks the server (as after a reload). */
function WithProfile({ me, children }: { me: Me; children: ReactNode }) {
  const client = useQueryClient();
  useState(() => client.setQueryData(ME_KEY, me));
  return children;
}

async function typeCredentials(username: string, password: string) {
  await userEvent.type(screen.getByLabelText('Benutzername oder E-Mail'), username);
  await userEvent.type(screen.getByLabelText('Passwort'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
}

describe('SignInScreen', () => {
  it('signs in with a cookie session, remembers who is signed in and goes on to `next`', async () => {
    const user = await signUpForTest();
    const { queryClient } = renderSignIn('/login?next=%2Ftasks');
    expect(screen.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeInTheDocument();
    await typeCredentials(user.username, TEST_PASSWORD);
    expect(await screen.findByRole('heading', { name: 'Tasks page' })).toBeInTheDocument();
    expect(queryClient.getQueryData<Me>(ME_KEY)?.username).toBe(user.username);
    expect(await cookieSessions(user)).toBe(1);
  });

  it('ignores a `next` that leaves the site', async () => {
    const user = await signUpForTest();
    renderSignIn('/login?next=%2F%2Fevil.example%2F');
    await typeCredentials(user.username.toUpperCase(), TEST_PASSWORD);
    expect(await screen.findByRole('heading', { name: 'Start page' })).toBeInTheDocument();
  });

  it('says in plain words when the password is wrong, and keeps what was typed', async () => {
    const user = await signUpForTest();
    renderSignIn();
    await typeCredentials(user.username, 'not my password at all');
    expect(await screen.findByRole('alert')).toHaveTextContent('Benutzername oder Passwort passen nicht zusammen');
    expect(screen.getByLabelText('Benutzername oder E-Mail')).toHaveValue(user.username);
    expect(screen.getByLabelText('Passwort')).toHaveValue('not my password at all');
    expect(screen.queryByRole('heading', { name: 'Start page' })).not.toBeInTheDocument();
    expect(await cookieSessions(user)).toBe(0);
  });

  it('asks for empty fields before sending anything', async () => {
    renderSignIn();
    await userEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
    expect(screen.getByLabelText('Benutzername oder E-Mail')).toHaveAccessibleDescription('Bitte gib deinen Benutzernamen oder deine E-Mail-Adresse ein.');
    expect(screen.getByLabelText('Benutzername oder E-Mail')).toHaveFocus();
  });

  it('asks for the code from the authenticator app when 2FA is on, then signs in', async () => {
    const user = await signUpForTest();
    const { totp } = await enableTwoFactor(user);
    renderSignIn();
    await typeCredentials(user.username, TEST_PASSWORD);
    expect(await screen.findByRole('heading', { level: 2, name: 'Code aus deiner App' })).toBeInTheDocument();
    const code = screen.getByLabelText('6-stelliger Code');
    expect(code).toHaveFocus();

    await userEvent.type(code, '12345');
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Der Code hat 6 Ziffern.'));

    await userEvent.clear(code);
    await userEvent.type(code, totp.generate({ timestamp: SERVER_NOW }));
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    expect(await screen.findByRole('heading', { name: 'Start page' })).toBeInTheDocument();
    expect(await cookieSessions(user)).toBe(1);
  });

  it('takes a recovery code instead of the app code', async () => {
    const user = await signUpForTest();
    const { recoveryCodes } = await enableTwoFactor(user);
    renderSignIn();
    await typeCredentials(user.username, TEST_PASSWORD);
    await userEvent.click(await screen.findByRole('button', { name: 'Stattdessen einen Wiederherstellungscode verwenden' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Wiederherstellungscode' }), recoveryCodes[0] ?? '');
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    expect(await screen.findByRole('heading', { name: 'Start page' })).toBeInTheDocument();
    await waitFor(async () => expect((await unwrap(user.api.GET('/api/v1/auth/2fa'))).recovery_codes_left).toBe(recoveryCodes.length - 1));
  });

  it('asks a user who still has a one-time password for their own one, then goes on', async () => {
    const user = await signUpForTest();
    const me = await unwrap(user.api.GET('/api/v1/users/me'));
    renderScreen(
      <WithProfile me={{ ...me, password_change_required: true }}>
        <SignInScreen />
      </WithProfile>,
      { api: user.api, route: '/login?next=%2Ftasks', path: '/login', extraRoutes: { '/tasks': <h1>Tasks page</h1> } },
    );
    expect(screen.getByRole('heading', { level: 2, name: 'Eigenes Passwort festlegen' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Einmal-Passwort'), TEST_PASSWORD);
    await userEvent.type(screen.getByLabelText('Neues Passwort'), 'password123');
    await userEvent.click(screen.getByRole('button', { name: 'Passwort speichern und weiter' }));
    const fresh = screen.getByLabelText('Neues Passwort');
    await waitFor(() => expect(fresh).toHaveAccessibleDescription(expect.stringContaining('10.000 häufigsten')));
    expect(screen.getByLabelText('Einmal-Passwort')).toHaveValue(TEST_PASSWORD);

    await userEvent.clear(fresh);
    await userEvent.type(fresh, 'a fresh long passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Passwort speichern und weiter' }));
    expect(await screen.findByRole('heading', { name: 'Tasks page' })).toBeInTheDocument();
    const login = await anonymousApi().POST('/api/v1/auth/login', { body: { username: user.username, password: 'a fresh long passphrase' } });
    expect(login.response.status).toBe(200);
  });
});
