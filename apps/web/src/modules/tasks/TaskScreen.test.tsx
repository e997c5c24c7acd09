import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { formatDate, formatTime, localDateOf } from '../../shared/i18n/format.ts';
import { renderScreen, signUpForTest, type TestUser } from '../../shared/testing/render.tsx';
import { whenOf } from './detail/ReminderTimeline.tsx';
import { TaskScreen } from './TaskScreen.tsx';

function renderTask(user: TestUser, id: string) {
  return renderScreen(<TaskScreen />, { api: user.api, route: `/tasks/${id}`, path: '/tasks/:id', extraRoutes: { '/tasks': <p>task list</p> } });
}

const getTask = (user: TestUser, id: string) => unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id } } }));

// Each step waits on the real server; two shared cores under load can take more than a second.
configure({ asyncUtilTimeout: 5000 });

describe('TaskScreen', () => {
  it('saves an edited title, and keeps a too long one with the problem under the field', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Versicherung kündigen', amount: '89.99' } }));
    const ui = userEvent.setup();
    renderTask(user, task.id);

    expect(await screen.findByRole('heading', { level: 1, name: 'Versicherung kündigen' })).toBeInTheDocument();
    const title = screen.getByLabelText('Titel');
    const save = screen.getByRole('button', { name: 'Änderungen speichern' });
    expect(save).toBeDisabled();

    await ui.clear(title);
    await ui.type(title, 'Haftpflicht kündigen');
    await ui.click(save);
    await waitFor(async () => expect((await getTask(user, task.id)).title).toBe('Haftpflicht kündigen'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Haftpflicht kündigen' })).toBeInTheDocument();
    // Only the title was sent: the amount is as before.
    expect((await getTask(user, task.id)).amount).toBe('89.99');

    const tooLong = 'x'.repeat(256);
    await ui.clear(title);
    await ui.click(title);
    await ui.paste(tooLong);
    await ui.click(screen.getByRole('button', { name: 'Änderungen speichern' }));
    expect(await screen.findByText('Bitte höchstens 255 Zeichen.')).toBeInTheDocument();
    expect(title).toHaveValue(tooLong);
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription(expect.stringContaining('Bitte höchstens 255 Zeichen.'));
    expect((await getTask(user, task.id)).title).toBe('Haftpflicht kündigen');
  });

  it('changes the due date to a date-only deadline and the priority back to automatic', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Zahnarzt', priority: 'low' } }));
    const ui = userEvent.setup();
    renderTask(user, task.id);

    const date = await screen.findByLabelText('Fällig am');
    await ui.type(date, '2026-12-10');
    await ui.selectOptions(screen.getByLabelText('Priorität'), 'auto');
    await ui.click(screen.getByRole('button', { name: 'Änderungen speichern' }));
    await waitFor(async () => expect(await getTask(user, task.id)).toMatchObject({ due_is_date: true, due_local_date: '2026-12-10', priority_source: 'auto' }));

    const amount = screen.getByLabelText('Betrag');
    await ui.type(amount, '1.234,50');
    await ui.click(screen.getByRole('button', { name: 'Änderungen speichern' }));
    await waitFor(async () => expect((await getTask(user, task.id)).amount).toBe('1234.50'));
    await waitFor(() => expect(amount).toHaveValue('1234,50'));

    await ui.type(screen.getByLabelText('Uhrzeit'), '09:30');
    await ui.click(screen.getByRole('button', { name: 'Änderungen speichern' }));
    // 09:30 in Berlin (winter) is 08:30 UTC.
    await waitFor(async () => expect(await getTask(user, task.id)).toMatchObject({ due_is_date: false, due_date: '2026-12-10T08:30:00.000Z' }));
  });

  it('adds a sub-step, ticks it off and then offers to complete the task', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Umzug melden' } }));
    const ui = userEvent.setup();
    renderTask(user, task.id);

    const steps = await screen.findByRole('region', { name: 'Schritte' });
    await within(steps).findByText(/Noch keine Schritte/);
    await ui.type(within(steps).getByLabelText('Neuer Schritt'), 'Termin beim Bürgeramt');
    await ui.click(within(steps).getByRole('button', { name: 'Schritt hinzufügen' }));

    const box = await within(steps).findByRole('checkbox', { name: 'Termin beim Bürgeramt' });
    expect(within(steps).getByLabelText('Neuer Schritt')).toHaveValue('');
    const [step] = (await unwrap(user.api.GET('/api/v1/tasks', { params: { query: { parent_id: task.id, page: 1, page_size: 10 } } }))).results;
    expect(step).toMatchObject({ title: 'Termin beim Bürgeramt', status: 'open' });

    await ui.click(box);
    await waitFor(async () => expect((await getTask(user, step?.id ?? '')).status).toBe('done'));
    expect(await within(steps).findByText('1 von 1 erledigt')).toBeInTheDocument();
    expect(await within(steps).findByText(/Alle Schritte sind erledigt/)).toBeInTheDocument();

    await ui.click(within(steps).getByRole('button', { name: 'Ganze Aufgabe erledigen' }));
    await waitFor(async () => expect((await getTask(user, task.id)).status).toBe('done'));
    expect(await screen.findByRole('button', { name: 'Wieder öffnen' })).toBeInTheDocument();
  });

  it('refuses a dependency circle with the reason', async () => {
    const user = await signUpForTest();
    const first = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Rechnung prüfen' } }));
    const second = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Rechnung bezahlen' } }));
    // "bezahlen" already waits for "prüfen".
    await unwrap(user.api.POST('/api/v1/tasks/{id}/dependencies', { params: { path: { id: second.id } }, body: { depends_on_task_id: first.id } }));
    const ui = userEvent.setup();
    renderTask(user, first.id);

    const deps = await screen.findByRole('region', { name: 'Wartet auf' });
    const select = await within(deps).findByRole('combobox', { name: 'Aufgabe, auf die diese wartet' });
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Rechnung bezahlen' })).toBeInTheDocument());
    await ui.selectOptions(select, 'Rechnung bezahlen');
    await ui.click(within(deps).getByRole('button', { name: 'Wartet-auf eintragen' }));

    const alert = await within(deps).findByRole('alert');
    expect(alert).toHaveTextContent(/im Kreis/);
    expect(alert).toHaveTextContent('„Rechnung prüfen“');
    expect(alert).toHaveTextContent('„Rechnung bezahlen“');
    expect(select).toHaveValue(second.id);
    expect((await getTask(user, first.id)).blocked_by).toEqual([]);
  });

  it('adds a waiting-for and removes it again', async () => {
    const user = await signUpForTest();
    const first = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Ausweis finden' } }));
    const second = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Reisepass beantragen' } }));
    const ui = userEvent.setup();
    renderTask(user, second.id);

    const deps = await screen.findByRole('region', { name: 'Wartet auf' });
    const select = await within(deps).findByRole('combobox', { name: 'Aufgabe, auf die diese wartet' });
    await waitFor(() => expect(within(select).getByRole('option', { name: 'Ausweis finden' })).toBeInTheDocument());
    await ui.selectOptions(select, 'Ausweis finden');
    await ui.click(within(deps).getByRole('button', { name: 'Wartet-auf eintragen' }));
    expect(await within(deps).findByRole('link', { name: 'Ausweis finden' })).toBeInTheDocument();
    expect((await getTask(user, second.id)).blocked_by).toEqual([{ id: first.id, title: 'Ausweis finden' }]);

    await ui.click(within(deps).getByRole('button', { name: '„Ausweis finden“ entfernen' }));
    await waitFor(async () => expect((await getTask(user, second.id)).blocked_by).toEqual([]));
    expect(await within(deps).findByText(/Wartet auf nichts/)).toBeInTheDocument();
  });

  it('attaches a tag by name and detaches it', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Kfz-Steuer' } }));
    const ui = userEvent.setup();
    renderTask(user, task.id);

    const tags = await screen.findByRole('region', { name: 'Tags' });
    await ui.type(within(tags).getByLabelText('Tag'), 'auto');
    await ui.click(within(tags).getByRole('button', { name: 'Tag hinzufügen' }));
    await waitFor(async () => expect((await getTask(user, task.id)).tags.map((tag) => tag.name)).toEqual(['auto']));
    await ui.click(await within(tags).findByRole('button', { name: 'Tag „auto“ entfernen' }));
    await waitFor(async () => expect((await getTask(user, task.id)).tags).toEqual([]));
  });

  it('sets up a repetition, shows the rule and removes it', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Miete', due_date: '2026-12-01' } }));
    const ui = userEvent.setup();
    renderTask(user, task.id);

    const repeat = await screen.findByRole('region', { name: 'Wiederholung' });
    await ui.click(within(repeat).getByRole('button', { name: 'Wiederholung einrichten' }));
    await ui.selectOptions(within(repeat).getByLabelText('Wie oft'), 'monthly');
    await ui.click(within(repeat).getByRole('radio', { name: 'Nach einer Anzahl' }));
    await ui.type(within(repeat).getByLabelText('Wie oft insgesamt'), '12');
    await ui.click(within(repeat).getByRole('button', { name: 'Wiederholung speichern' }));

    await waitFor(async () => expect((await getTask(user, task.id)).recurrence).toMatchObject({ frequency: 'monthly', interval: 1, occurrences_count: 12, anchor: 'due' }));
    const rule = (await getTask(user, task.id)).recurrence?.rrule ?? '';
    expect(await within(repeat).findByText(rule)).toBeInTheDocument();
    expect(within(repeat).getByText(/Wiederholt sich jeden Monat/)).toBeInTheDocument();

    await ui.click(within(repeat).getByRole('button', { name: 'Wiederholung entfernen' }));
    await waitFor(async () => expect((await getTask(user, task.id)).recurrence).toBeNull());
  });

  it('lists the reminders the server planned, in order', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Kaution zahlen', due_date: '2026-12-10', amount: '600' } }));
    const planned = (await unwrap(user.api.GET('/api/v1/tasks/{id}/reminders', { params: { path: { id: task.id } } }))).reminders;
    expect(planned.length).toBeGreaterThan(0);
    const ui = userEvent.setup();
    renderTask(user, task.id);

    const region = await screen.findByRole('region', { name: 'Erinnerungen' });
    expect(await within(region).findByText(new RegExp(`${planned.length} Erinnerungen insgesamt`))).toBeInTheDocument();
    const settings = { language: 'de', timeZone: 'Europe/Berlin', dateFormat: 'DD.MM.YYYY' } as const;
    const ordered = [...planned].sort((a, b) => Date.parse(whenOf(a)) - Date.parse(whenOf(b)));
    const first = ordered[0] as (typeof planned)[number];
    const severity = { info: 'Sanfter Hinweis', warning: 'Erinnerung', urgent: 'Dringend', critical: 'Sehr dringend' };

    // The first entry is the next reminder: its day and time, how insistent, its message.
    const firstItem = within(within(region).getByRole('list')).getAllByRole('listitem')[0] as HTMLElement;
    expect(firstItem).toHaveTextContent(formatDate(localDateOf(whenOf(first), 'Europe/Berlin'), 'DD.MM.YYYY'));
    expect(firstItem).toHaveTextContent(formatTime(whenOf(first), settings));
    expect(within(firstItem).getByText(severity[first.severity])).toBeInTheDocument();
    expect(firstItem).toHaveTextContent(first.message);
    expect(within(firstItem).getByText('Nächste')).toBeInTheDocument();

    // All of them on request: every planned reminder has its day, time and message in an entry.
    const more = within(region).queryByRole('button', { name: /^Alle \d+ Einträge zeigen$/ });
    if (more) await ui.click(more);
    const items = within(within(region).getByRole('list')).getAllByRole('listitem');
    for (const reminder of ordered) {
      const day = formatDate(localDateOf(whenOf(reminder), 'Europe/Berlin'), 'DD.MM.YYYY');
      const time = formatTime(whenOf(reminder), settings);
      const entry = items.find((item) => item.textContent?.includes(day) && item.textContent.includes(reminder.message) && item.textContent.includes(severity[reminder.severity]));
      expect(entry, `${day} ${time} ${reminder.message}`).toBeDefined();
      const times = entry?.querySelector('.timeline__when')?.textContent ?? '';
      // Many reminders on one day are "N-mal zwischen first und last"; otherwise each time is named.
      expect(times.includes(time) || /\d+-mal zwischen/.test(times)).toBe(true);
    }
    const total = items.reduce((sum, item) => {
      const text = item.querySelector('.timeline__when')?.textContent ?? '';
      const many = /(\d+)-mal zwischen/.exec(text);
      return sum + (many ? Number(many[1]) : (text.match(/\d{2}:\d{2}/g) ?? []).length);
    }, 0);
    expect(total).toBe(planned.length);
  });

  it('deletes after a confirm step and goes back to the list', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Alte Aufgabe' } }));
    await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Teil', parent_task_id: task.id } }));
    const ui = userEvent.setup();
    renderTask(user, task.id);

    await ui.click(await screen.findByRole('button', { name: 'Aufgabe löschen' }));
    expect(await screen.findByText(/Der eine Schritt wird mit gelöscht/)).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: 'Ja, löschen' }));
    expect(await screen.findByText('task list')).toBeInTheDocument();
    const { response } = await user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: task.id } } });
    expect(response.status).toBe(404);
  });
});
