import { configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { ME_KEY, type Me } from '../../shared/session/session.tsx';
import { anonymousApi, renderScreen } from '../../shared/testing/render.tsx';
import { RegisterScreen } from './RegisterScreen.tsx';

// The server hashes passwords on purpose slowly, and the test machine is shared: wait longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const PASSWORD = 'lantern meadow copper violin';

function freshName(): string {
  return `reg${Math.random().toString(36).slice(2, 10)}`;
}

function renderRegister(route = '/register') {
  return renderScreen(<RegisterScreen />, { api: anonymousApi(), route, path: '/register', extraRoutes: { '/': <h1>Start page</h1> } });
}

async function fillIn(values: { username: string; email: string; password: string; fullName?: string }) {
  await userEvent.type(screen.getByLabelText('Benutzername'), values.username);
  await userEvent.type(screen.getByLabelText('E-Mail-Adresse'), values.email);
  await userEvent.type(screen.getByLabelText('Passwort'), values.password);
  if (values.fullName) await userEvent.type(screen.getByLabelText('Name (optional)'), values.fullName);
  await userEvent.click(screen.getByRole('button', { name: 'Konto anlegen' }));
}

describe('RegisterScreen', () => {
  it('creates the account with time zone and language, signs in and goes to the start page', async () => {
    const username = freshName();
    const { queryClient } = renderRegister();
    expect(screen.getByRole('heading', { level: 1, name: 'Konto anlegen' })).toBeInTheDocument();
    expect(screen.getByLabelText('Benutzername')).toHaveAccessibleDescription('3 bis 50 Zeichen: Buchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich.');
    await fillIn({ username, email: `${username}@example.org`, password: PASSWORD, fullName: 'Alex Beispiel' });

    expect(await screen.findByRole('heading', { name: 'Start page' })).toBeInTheDocument();
    expect(queryClient.getQueryData<Me>(ME_KEY)?.username).toBe(username);
    // The server holds the account: it signs in with what was typed.
    const login = await unwrap(anonymousApi().POST('/api/v1/auth/login', { body: { username: `${username}@example.org`, password: PASSWORD } }));
    expect(login.user).toMatchObject({ username, full_name: 'Alex Beispiel', language: 'de', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });

  it("shows the server's refusal of a common password under the field and keeps everything typed", async () => {
    const username = freshName();
    renderRegister();
    await fillIn({ username, email: `${username}@example.org`, password: 'qwertyuiop', fullName: 'Alex' });

    const password = screen.getByLabelText('Passwort');
    expect(await screen.findByText(/gehört zu den 10.000 häufigsten/)).toBeInTheDocument();
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Dieses Passwort gehört zu den 10.000 häufigsten'));
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveFocus();
    expect(password).toHaveValue('qwertyuiop');
    expect(screen.getByLabelText('Benutzername')).toHaveValue(username);
    expect(screen.getByLabelText('E-Mail-Adresse')).toHaveValue(`${username}@example.org`);
    expect(screen.getByLabelText('Name (optional)')).toHaveValue('Alex');
    expect(screen.queryByRole('heading', { name: 'Start page' })).not.toBeInTheDocument();
  });

  it('checks the username rule before sending', async () => {
    renderRegister();
    await fillIn({ username: 'a!', email: 'a@example.org', password: PASSWORD });
    expect(screen.getByLabelText('Benutzername')).toHaveAccessibleDescription(expect.stringContaining('Der Benutzername braucht 3 bis 50 Zeichen'));
    expect(screen.getByLabelText('Benutzername')).toHaveFocus();
  });

  it('says so when the username is taken', async () => {
    const username = freshName();
    await unwrap(anonymousApi().POST('/api/v1/auth/register', { body: { username, email: `${username}@example.org`, password: PASSWORD } }));
    renderRegister();
    await fillIn({ username, email: `other-${username}@example.org`, password: PASSWORD });
    expect(await screen.findByRole('alert')).toHaveTextContent('schon vergeben');
    expect(screen.getByRole('link', { name: 'Anmelden' })).toHaveAttribute('href', '/login');
  });
});
