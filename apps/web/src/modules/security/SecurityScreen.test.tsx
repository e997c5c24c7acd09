import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest, TEST_PASSWORD, type TestUser } from '../../shared/testing/render.tsx';
import { SecurityScreen } from './SecurityScreen.tsx';

// The server hashes passwords on purpose slowly, and the test machine is shared: wait longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

/** The test server's clock stands still at this instant. */
const SERVER_NOW = Date.parse('2026-11-25T10:00:00Z');
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';

function renderSecurity(user: TestUser) {
  return renderScreen(<SecurityScreen />, { api: user.api, route: '/settings/security', path: '/settings/security' });
}

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

async function signInElsewhere(user: TestUser, userAgent: string) {
  const response = await fetch(`${user.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
}

describe('SecurityScreen', () => {
  it('lists the sessions, marks this one, and signs out another device', async () => {
    const user = await signUpForTest();
    await signInElsewhere(user, FIREFOX);
    renderSecurity(user);
    expect(screen.getByRole('heading', { level: 1, name: 'Sicherheit' })).toBeInTheDocument();

    const sessions = section('Angemeldete Geräte');
    const firefox = await within(sessions).findByRole('listitem', { name: 'Firefox 120 on Linux' });
    expect(within(sessions).getAllByRole('listitem')).toHaveLength(2);
    expect(within(sessions).getByText('Dieses Gerät')).toBeInTheDocument();
    expect(within(firefox).queryByText('Dieses Gerät')).not.toBeInTheDocument();

    await userEvent.click(within(firefox).getByRole('button', { name: 'Abmelden' }));
    await waitFor(() => expect(within(sessions).queryByRole('listitem', { name: 'Firefox 120 on Linux' })).not.toBeInTheDocument());
    expect(within(sessions).getAllByRole('listitem')).toHaveLength(1);
    expect(await screen.findByText('Gerät abgemeldet.')).toBeInTheDocument();
    const left = await unwrap(user.api.GET('/api/v1/auth/sessions'));
    expect(left.map((session) => session.current)).toEqual([true]);
  });

  it('sets up two-factor sign-in: password, QR code and key, code, then the recovery codes once', async () => {
    const user = await signUpForTest();
    const ui = userEvent.setup();
    renderSecurity(user);
    const twoFactor = section('Zwei-Faktor-Anmeldung');
    await ui.click(await within(twoFactor).findByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }));

    await ui.type(within(twoFactor).getByLabelText('Dein Passwort'), 'wrong password here');
    await ui.click(within(twoFactor).getByRole('button', { name: 'Weiter' }));
    expect(await within(twoFactor).findByText('Das Passwort stimmt nicht.')).toBeInTheDocument();
    await ui.clear(within(twoFactor).getByLabelText('Dein Passwort'));
    await ui.type(within(twoFactor).getByLabelText('Dein Passwort'), TEST_PASSWORD);
    await ui.click(within(twoFactor).getByRole('button', { name: 'Weiter' }));

    const qr = await within(twoFactor).findByRole('img', { name: 'QR-Code zum Einrichten von Workmate in deiner Authenticator-App' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(twoFactor.querySelector('svg')).toBeNull();
    const secret = within(twoFactor).getByText(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/).textContent?.replace(/ /g, '') ?? '';
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });

    await ui.type(within(twoFactor).getByLabelText('6-stelliger Code aus der App'), totp.generate({ timestamp: SERVER_NOW }));
    await ui.click(within(twoFactor).getByRole('button', { name: 'Code prüfen und einschalten' }));

    const codes = await within(twoFactor).findByRole('list', { name: 'Wiederherstellungscodes' });
    const shown = within(codes).getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(shown).toHaveLength(10);
    expect(within(twoFactor).getByText(/Bewahr diese Codes sicher auf/)).toBeInTheDocument();
    expect(await unwrap(user.api.GET('/api/v1/auth/2fa'))).toEqual({ enabled: true, recovery_codes_left: 10 });

    const download = within(twoFactor).getByRole('link', { name: 'Als .txt herunterladen' });
    expect(download).toHaveAttribute('download', 'workmate-wiederherstellungscodes.txt');
    expect(decodeURIComponent(download.getAttribute('href') ?? '')).toContain(shown.join('\n'));
    await ui.click(within(twoFactor).getByRole('button', { name: 'Codes kopieren' }));
    expect(await navigator.clipboard.readText()).toBe(`${shown.join('\n')}\n`);

    await ui.click(within(twoFactor).getByRole('button', { name: 'Ich habe die Codes gespeichert' }));
    expect(within(twoFactor).queryByRole('list', { name: 'Wiederherstellungscodes' })).not.toBeInTheDocument();
    expect(await within(twoFactor).findByText('Noch 10 Wiederherstellungscodes übrig.')).toBeInTheDocument();
    expect(within(twoFactor).getByRole('button', { name: 'Zwei-Faktor-Anmeldung ausschalten' })).toBeInTheDocument();
  });

  it('turns two-factor sign-in off with the password and a recovery code', async () => {
    const user = await signUpForTest();
    const setup = await unwrap(user.api.POST('/api/v1/auth/2fa/setup', { body: { password: TEST_PASSWORD } }));
    const totp = new TOTP({ secret: Secret.fromBase32(setup.secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const { recovery_codes } = await unwrap(user.api.POST('/api/v1/auth/2fa/enable', { body: { code: totp.generate({ timestamp: SERVER_NOW }) } }));
    renderSecurity(user);
    const twoFactor = section('Zwei-Faktor-Anmeldung');
    await userEvent.click(await within(twoFactor).findByRole('button', { name: 'Zwei-Faktor-Anmeldung ausschalten' }));
    await userEvent.type(within(twoFactor).getByLabelText('Dein Passwort'), TEST_PASSWORD);
    await userEvent.type(within(twoFactor).getByLabelText('Code aus der App oder Wiederherstellungscode'), recovery_codes[3] ?? '');
    await userEvent.click(within(twoFactor).getByRole('button', { name: 'Ausschalten' }));
    expect(await within(twoFactor).findByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' })).toBeInTheDocument();
    expect((await unwrap(user.api.GET('/api/v1/auth/2fa'))).enabled).toBe(false);
  });

  it('creates an API key, shows it exactly once, and revokes a key after asking', async () => {
    const user = await signUpForTest();
    const ui = userEvent.setup();
    renderSecurity(user);
    const keys = section('API-Schlüssel');
    expect(await within(keys).findByText('Noch keine Schlüssel.')).toBeInTheDocument();

    await ui.type(within(keys).getByLabelText('Name des Schlüssels'), 'Backup-Skript');
    await ui.click(within(keys).getByRole('button', { name: 'Schlüssel erstellen' }));
    expect(await within(keys).findByRole('heading', { name: 'Neuer Schlüssel „Backup-Skript“' })).toBeInTheDocument();
    const key = within(keys).getByText(/^wmk_/).textContent ?? '';
    // The key is real: it opens the API.
    const me = await fetch(`${user.baseUrl}/api/v1/users/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(me.status).toBe(200);
    await ui.click(within(keys).getByRole('button', { name: 'Schlüssel kopieren' }));
    expect(await navigator.clipboard.readText()).toBe(key);
    expect(within(keys).getByLabelText('Name des Schlüssels')).toHaveValue('');

    const [stored] = await unwrap(user.api.GET('/api/v1/auth/api-keys'));
    expect(stored).toMatchObject({ name: 'Backup-Skript', expires_at: null });
    expect(key.startsWith(stored?.key_prefix ?? '-')).toBe(true);
    const item = await within(keys).findByRole('listitem', { name: 'Backup-Skript' });
    expect(item).toHaveTextContent(`Beginnt mit ${stored?.key_prefix}…`);

    await ui.click(within(keys).getByRole('button', { name: 'Fertig, ich habe ihn kopiert' }));
    expect(within(keys).queryByText(key)).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(key);

    await ui.click(within(item).getByRole('button', { name: 'Widerrufen' }));
    expect(within(item).getByText('„Backup-Skript“ widerrufen? Skripte mit diesem Schlüssel funktionieren danach nicht mehr.')).toBeInTheDocument();
    await ui.click(within(item).getByRole('button', { name: 'Abbrechen' }));
    expect(await unwrap(user.api.GET('/api/v1/auth/api-keys'))).toHaveLength(1);
    await ui.click(within(item).getByRole('button', { name: 'Widerrufen' }));
    await ui.click(within(item).getByRole('button', { name: 'Ja, widerrufen' }));
    expect(await within(keys).findByText('Noch keine Schlüssel.')).toBeInTheDocument();
    expect(await unwrap(user.api.GET('/api/v1/auth/api-keys'))).toEqual([]);
    expect((await fetch(`${user.baseUrl}/api/v1/users/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });

  it('changes the password: a wrong current one is named under its field, nothing typed is lost', async () => {
    const user = await signUpForTest();
    renderSecurity(user);
    const password = section('Passwort ändern');
    await userEvent.type(within(password).getByLabelText('Aktuelles Passwort'), 'not the password');
    await userEvent.type(within(password).getByLabelText('Neues Passwort'), 'a much better passphrase');
    await userEvent.click(within(password).getByRole('button', { name: 'Passwort ändern' }));
    const current = within(password).getByLabelText('Aktuelles Passwort');
    await waitFor(() => expect(current).toHaveAccessibleDescription('Das aktuelle Passwort stimmt nicht.'));
    expect(current).toHaveValue('not the password');
    expect(within(password).getByLabelText('Neues Passwort')).toHaveValue('a much better passphrase');

    await userEvent.clear(current);
    await userEvent.type(current, TEST_PASSWORD);
    await userEvent.click(within(password).getByRole('button', { name: 'Passwort ändern' }));
    expect(await within(password).findByText('Passwort geändert.')).toBeInTheDocument();
    const login = await fetch(`${user.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: 'a much better passphrase' }),
    });
    expect(login.status).toBe(200);
  });
});
