import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { TEST_PASSWORD, renderScreen, signUpForTest } from '../../shared/testing/render.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';

async function profileOf(user: Awaited<ReturnType<typeof signUpForTest>>) {
  return unwrap(user.api.GET('/api/v1/users/me'));
}

describe('SettingsScreen', () => {
  it('saves the profile to the server', async () => {
    const user = await signUpForTest();
    renderScreen(<SettingsScreen />, { api: user.api, route: '/settings' });

    const name = await screen.findByLabelText('Name');
    await userEvent.type(name, 'Alex Beispiel');
    const email = screen.getByLabelText('E-Mail-Adresse');
    await userEvent.clear(email);
    await userEvent.type(email, `neu-${user.username}@example.org`);
    await userEvent.selectOptions(screen.getByLabelText('Zeitzone'), 'Europe/Lisbon');
    await userEvent.selectOptions(screen.getByLabelText('Datumsformat'), 'YYYY-MM-DD');
    await userEvent.selectOptions(screen.getByLabelText('Die Woche beginnt am'), 'Sonntag');
    await userEvent.click(screen.getByRole('button', { name: 'Profil speichern' }));

    expect(await screen.findByText('Profil gespeichert', { selector: '.settings__status' })).toBeInTheDocument();
    const profile = await profileOf(user);
    expect(profile.full_name).toBe('Alex Beispiel');
    expect(profile.email).toBe(`neu-${user.username}@example.org`.toLowerCase());
    expect(profile.timezone).toBe('Europe/Lisbon');
    expect(profile.ui_preferences).toMatchObject({ date_format: 'YYYY-MM-DD', first_day_of_week: 0 });
  });

  it('shows a bad e-mail address under the field and keeps everything typed', async () => {
    const user = await signUpForTest();
    renderScreen(<SettingsScreen />, { api: user.api, route: '/settings' });

    const name = await screen.findByLabelText('Name');
    await userEvent.type(name, 'Sam');
    const email = screen.getByLabelText('E-Mail-Adresse');
    await userEvent.clear(email);
    await userEvent.type(email, 'keine-adresse');
    await userEvent.click(screen.getByRole('button', { name: 'Profil speichern' }));

    await waitFor(() => expect(email).toHaveAccessibleDescription('Bitte gib eine E-Mail-Adresse wie name@beispiel.de ein.'), { timeout: 10_000 });
    expect(email).toBeInvalid();
    expect(email).toHaveValue('keine-adresse');
    expect(name).toHaveValue('Sam');
    const profile = await profileOf(user);
    expect(profile.email).toBe(`${user.username}@example.org`.toLowerCase());
    expect(profile.full_name).toBeNull();
  });

  it('switches the language at once and stores it', async () => {
    const user = await signUpForTest({ language: 'de' });
    renderScreen(<SettingsScreen />, { api: user.api, route: '/settings' });

    await userEvent.selectOptions(await screen.findByLabelText('App-Sprache'), 'en');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save profile' })).toBeInTheDocument();
    expect(await screen.findByText('Language applied')).toBeInTheDocument();
    expect((await profileOf(user)).language).toBe('en');
  });

  it('applies a colour scheme at once and stores it', async () => {
    const user = await signUpForTest();
    renderScreen(<SettingsScreen />, { api: user.api, route: '/settings' });

    const theme = await screen.findByLabelText('Farbschema');
    expect(theme).toHaveValue('system');
    await userEvent.selectOptions(theme, 'dark');
    expect(theme).toHaveValue('dark');
    expect(await screen.findByText('Farbschema übernommen')).toBeInTheDocument();
    expect((await profileOf(user)).ui_preferences.theme).toBe('dark');
  });

  it('offers the device time zone when it differs', async () => {
    const device = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const other = device === 'Asia/Tokyo' ? 'Europe/Berlin' : 'Asia/Tokyo';
    const user = await signUpForTest({ timezone: other });
    renderScreen(<SettingsScreen />, { api: user.api, route: '/settings' });

    expect(await screen.findByText(`Dein Gerät ist in ${device}. Übernehmen?`)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: `${device} übernehmen` }));
    expect(screen.getByLabelText('Zeitzone')).toHaveValue(device);
    expect(screen.queryByText(`Dein Gerät ist in ${device}. Übernehmen?`)).not.toBeInTheDocument();
  });

  it('links to the notification and security settings and offers the data export', async () => {
    const user = await signUpForTest();
    renderScreen(<SettingsScreen />, { api: user.api, route: '/settings' });

    expect(await screen.findByRole('link', { name: /Benachrichtigungen und Kanäle/ })).toHaveAttribute('href', '/settings/notifications');
    expect(screen.getByRole('link', { name: /Sicherheit und Anmeldungen/ })).toHaveAttribute('href', '/settings/security');
    expect(screen.getByRole('link', { name: 'Meine Daten herunterladen' })).toHaveAttribute('href', '/api/v1/users/me/export');
  });

  it('deletes the account only with the right password, then goes to sign-in', async () => {
    const user = await signUpForTest();
    renderScreen(<SettingsScreen />, { api: user.api, route: '/settings', path: '/settings', extraRoutes: { '/login': <p>Anmeldeseite</p> } });

    await userEvent.click(await screen.findByRole('button', { name: 'Konto löschen …' }));
    const account = screen.getByRole('region', { name: 'Konto' });
    const password = within(account).getByLabelText('Dein Passwort');
    await userEvent.type(password, 'nicht das richtige');
    await userEvent.click(within(account).getByRole('button', { name: 'Konto endgültig löschen' }));
    await waitFor(() => expect(password).toHaveAccessibleDescription(/Das Passwort stimmt nicht/), { timeout: 10_000 });
    expect(password).toHaveValue('nicht das richtige');
    expect((await profileOf(user)).username).toBe(user.username);

    await userEvent.clear(password);
    await userEvent.type(password, TEST_PASSWORD);
    await userEvent.click(within(account).getByRole('button', { name: 'Konto endgültig löschen' }));
    expect(await screen.findByText('Anmeldeseite')).toBeInTheDocument();
    const after = await user.api.GET('/api/v1/users/me');
    expect(after.response.status).toBe(401);
  });
});
