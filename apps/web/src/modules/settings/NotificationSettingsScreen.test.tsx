import { createServer } from 'node:net';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest, type TestUser } from '../../shared/testing/render.tsx';
import { NotificationSettingsScreen } from './NotificationSettingsScreen.tsx';

const SLOW = { timeout: 10_000 };

async function preferencesOf(user: TestUser) {
  return (await unwrap(user.api.GET('/api/v1/users/me'))).notification_preferences;
}

/** A loopback port nobody listens on: the test message fails there, without touching the internet. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function renderSettings(user: TestUser) {
  return renderScreen(<NotificationSettingsScreen />, { api: user.api, route: '/settings/notifications', path: '/settings/notifications' });
}

describe('NotificationSettingsScreen', () => {
  it('explains why push needs HTTPS on a plain-HTTP page and opens the ntfy form instead', async () => {
    expect(window.isSecureContext).toBeFalsy();
    const user = await signUpForTest();
    renderSettings(user);

    const push = await screen.findByRole('region', { name: 'Push auf diesem Gerät' }, SLOW);
    expect(within(push).getByText(/Push braucht HTTPS\. Über das Heimnetz ohne HTTPS geht das nicht/)).toBeInTheDocument();
    expect(within(push).queryByRole('button', { name: 'Push auf diesem Gerät einschalten' })).not.toBeInTheDocument();

    await userEvent.click(within(push).getByRole('button', { name: 'ntfy einrichten' }));
    const heading = screen.getByRole('heading', { name: 'ntfy (Push-App) einrichten' });
    expect(heading).toHaveFocus();
    expect(screen.getByLabelText('Thema (Topic)')).toBeInTheDocument();
  });

  it('says plainly when this Workmate has no Telegram bot', async () => {
    const user = await signUpForTest();
    renderSettings(user);

    const push = await screen.findByRole('region', { name: 'Push auf diesem Gerät' }, SLOW);
    await userEvent.click(within(push).getByRole('button', { name: 'Telegram verbinden' }));
    expect(await within(push).findByText(/Auf diesem Workmate ist Telegram nicht eingerichtet/, {}, SLOW)).toBeInTheDocument();
  });

  it('adds an ntfy channel through its form, then shows the result of "Test senden" in words', async () => {
    const user = await signUpForTest();
    const port = await closedPort();
    renderSettings(user);

    await userEvent.selectOptions(await screen.findByLabelText('Was möchtest du hinzufügen?', {}, SLOW), 'ntfy');
    const form = screen.getByRole('form', { name: 'ntfy (Push-App) einrichten' });
    // Nothing but what ntfy needs: topic, server, an optional token, a name.
    expect(within(form).getAllByRole('textbox').length + form.querySelectorAll('input[type=password]').length).toBe(4);
    await userEvent.click(within(form).getByRole('button', { name: 'Kanal speichern' }));
    expect(within(form).getByLabelText('Thema (Topic)')).toHaveAccessibleDescription(/Bitte ausfüllen\./);

    await userEvent.type(within(form).getByLabelText('Thema (Topic)'), 'workmate-test');
    await userEvent.type(within(form).getByLabelText('ntfy-Server (optional)'), `http://127.0.0.1:${port}`);
    await userEvent.type(within(form).getByLabelText('Zugangs-Token (optional)'), 'tk_secret');
    await userEvent.type(within(form).getByLabelText('Name (optional)'), 'Handy');
    await userEvent.click(within(form).getByRole('button', { name: 'Kanal speichern' }));

    const item = await screen.findByRole('listitem', { name: 'Handy' }, SLOW);
    expect(within(item).getByText('Eingerichtet, noch nicht getestet')).toBeInTheDocument();
    expect(within(item).getByRole('checkbox', { name: 'Eingeschaltet: Handy' })).toBeChecked();
    const [stored] = await unwrap(user.api.GET('/api/v1/integrations'));
    expect(stored).toMatchObject({ type: 'ntfy', name: 'Handy', config: { topic: 'workmate-test', server_url: `http://127.0.0.1:${port}` }, has_credentials: true });
    expect(JSON.stringify(stored)).not.toContain('tk_secret');

    await userEvent.click(within(item).getByRole('button', { name: 'Test senden' }));
    const result = await within(item).findByText(/^Der Test hat nicht geklappt\./, {}, { timeout: 25_000 });
    expect(result).toHaveAttribute('role', 'status');
    expect(await within(item).findByText(/^Klappt gerade nicht: /, {}, SLOW)).toBeInTheDocument();
  }, 60_000);

  it('shows a refused setting under its field and keeps what was typed', async () => {
    const user = await signUpForTest();
    renderSettings(user);

    await userEvent.selectOptions(await screen.findByLabelText('Was möchtest du hinzufügen?', {}, SLOW), 'ntfy');
    const form = screen.getByRole('form', { name: 'ntfy (Push-App) einrichten' });
    const topic = within(form).getByLabelText('Thema (Topic)');
    await userEvent.type(topic, 'mit leerzeichen');
    await userEvent.click(within(form).getByRole('button', { name: 'Kanal speichern' }));

    await waitFor(() => expect(topic).toHaveAccessibleDescription(/Das passt so noch nicht/), SLOW);
    expect(topic).toHaveValue('mit leerzeichen');
    expect(await unwrap(user.api.GET('/api/v1/integrations'))).toEqual([]);
  });

  it('switches a channel off and removes it', async () => {
    const user = await signUpForTest();
    await unwrap(user.api.POST('/api/v1/integrations', { body: { type: 'ntfy', name: 'Tablet', config: { topic: 'tablet-topic' } } }));
    renderSettings(user);

    const item = await screen.findByRole('listitem', { name: 'Tablet' }, SLOW);
    await userEvent.click(within(item).getByRole('checkbox', { name: 'Eingeschaltet: Tablet' }));
    expect(await within(item).findByText('Ausgeschaltet', {}, SLOW)).toBeInTheDocument();
    expect((await unwrap(user.api.GET('/api/v1/integrations')))[0]?.enabled).toBe(false);

    await userEvent.click(within(item).getByRole('button', { name: 'Entfernen' }));
    await userEvent.click(within(item).getByRole('button', { name: 'Ja, entfernen' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Tablet' })).not.toBeInTheDocument(), SLOW);
    expect(await unwrap(user.api.GET('/api/v1/integrations'))).toEqual([]);
  });

  it('saves quiet hours, and shows the server refusing equal start and end under the field', async () => {
    const user = await signUpForTest();
    renderSettings(user);

    const quiet = await screen.findByRole('region', { name: 'Ruhezeiten' }, SLOW);
    expect(within(quiet).getByText(/deiner Zeitzone \(Europe\/Berlin\)/)).toBeInTheDocument();
    const start = within(quiet).getByLabelText('Beginn');
    const end = within(quiet).getByLabelText('Ende');
    expect(start).toHaveValue('22:00');
    expect(end).toHaveValue('07:00');
    await userEvent.clear(start);
    await userEvent.type(start, '23:30');
    await userEvent.clear(end);
    await userEvent.type(end, '06:15');
    await userEvent.click(within(quiet).getByRole('checkbox', { name: 'Sehr dringende Erinnerungen dürfen mich wecken' }));
    await userEvent.click(within(quiet).getByRole('button', { name: 'Ruhezeiten speichern' }));

    expect(await within(quiet).findByText('Ruhezeiten gespeichert', { selector: '.settings__status' }, SLOW)).toBeInTheDocument();
    expect((await preferencesOf(user)).quiet_hours).toEqual({ enabled: true, start: '23:30', end: '06:15', allow_critical_alerts: true });

    await userEvent.clear(end);
    await userEvent.type(end, '23:30');
    await userEvent.click(within(quiet).getByRole('button', { name: 'Ruhezeiten speichern' }));
    await waitFor(() => expect(end).toHaveAccessibleDescription('Beginn und Ende müssen verschieden sein.'), SLOW);
    expect(end).toHaveValue('23:30');
    expect((await preferencesOf(user)).quiet_hours?.end).toBe('06:15');
  });

  it('saves which channels remind at which urgency, and how often', async () => {
    const user = await signUpForTest();
    renderSettings(user);

    const levels = await screen.findByRole('region', { name: 'Kanäle je Dringlichkeit' }, SLOW);
    const warning = within(levels).getByRole('group', { name: 'Hinweis' });
    const inApp = within(warning).getByRole('checkbox', { name: 'App (immer)' });
    expect(inApp).toBeChecked();
    expect(inApp).toBeDisabled();
    const email = within(warning).getByRole('checkbox', { name: 'E-Mail' });
    expect(email).toBeChecked();
    await userEvent.click(email);
    const urgent = within(levels).getByRole('group', { name: 'Dringend' });
    await userEvent.click(within(urgent).getByRole('checkbox', { name: 'SMS (nicht eingerichtet)' }));
    await userEvent.selectOptions(within(urgent).getByLabelText('Wie oft'), 'twice');
    await userEvent.click(within(levels).getByRole('button', { name: 'Stufen speichern' }));

    expect(await within(levels).findByText('Stufen gespeichert', {}, SLOW)).toBeInTheDocument();
    const preferences = await preferencesOf(user);
    expect(preferences.channels_by_severity).toEqual({ info: ['push'], warning: ['push'], urgent: ['push', 'email'], critical: ['push', 'email', 'sms', 'smart_home'] });
    expect(preferences.reminder_frequency).toMatchObject({ urgent: 'twice', warning: 'daily' });
  });

  it('shows a messenger set up here in the urgency levels at once, so saving keeps it', async () => {
    const user = await signUpForTest();
    renderSettings(user);

    await userEvent.selectOptions(await screen.findByLabelText('Was möchtest du hinzufügen?', {}, SLOW), 'signal');
    const form = screen.getByRole('form', { name: 'Signal einrichten' });
    await userEvent.type(within(form).getByLabelText('Adresse von signal-cli-rest-api'), 'http://127.0.0.1:9');
    await userEvent.type(within(form).getByLabelText('Absender-Nummer'), '+4915112345678');
    await userEvent.type(within(form).getByLabelText('Empfänger'), '+4917612345678');
    await userEvent.click(within(form).getByRole('button', { name: 'Kanal speichern' }));
    expect(await screen.findByRole('listitem', { name: 'Signal' }, SLOW)).toBeInTheDocument();

    // The server put Signal next to push at every level; the form shows that, and saving keeps it.
    const levels = screen.getByRole('region', { name: 'Kanäle je Dringlichkeit' });
    await waitFor(() => expect(within(within(levels).getByRole('group', { name: 'Info' })).getByRole('checkbox', { name: 'Signal' })).toBeChecked(), SLOW);
    await userEvent.selectOptions(within(within(levels).getByRole('group', { name: 'Info' })).getByLabelText('Wie oft'), 'off');
    await userEvent.click(within(levels).getByRole('button', { name: 'Stufen speichern' }));
    expect(await within(levels).findByText('Stufen gespeichert', {}, SLOW)).toBeInTheDocument();
    const preferences = await preferencesOf(user);
    expect(preferences.channels_by_severity?.info).toEqual(['push', 'signal']);
    expect(preferences.reminder_frequency?.info).toBe('off');
  });
});
