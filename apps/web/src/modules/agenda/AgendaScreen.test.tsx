import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { localDateOf } from '../../shared/i18n/format.ts';
import { renderScreen, signUpForTest, type TestUser } from '../../shared/testing/render.tsx';
import { AgendaScreen } from './AgendaScreen.tsx';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.search}</output>;
}

function agenda() {
  return (
    <>
      <AgendaScreen />
      <Where />
    </>
  );
}

async function task(user: TestUser, title: string, due: string, status?: 'done') {
  const created = await unwrap(user.api.POST('/api/v1/tasks', { body: { title, due_date: due } }));
  if (status) await unwrap(user.api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: created.id } }, body: { status } }));
  return created;
}

/** The table cell or list item of a day, found by the full date in its heading (by text: role queries over 42 cells are slow). */
function day(name: string): HTMLElement {
  // Whichever day the real clock says is today also carries the word "heute".
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( heute)?$`);
  const [label] = screen.getAllByText(pattern, { selector: 'h3, h3 > span' });
  const cell = label?.closest('td, li');
  if (!(cell instanceof HTMLElement)) throw new Error(`no day ${name}`);
  return cell;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AgendaScreen', () => {
  it('shows a task due on 27 November 2026 on the 27th of the month view', async () => {
    const user = await signUpForTest();
    const due = await task(user, 'Steuererklärung abgeben', '2026-11-27');
    await task(user, 'Zahnarzt', '2026-11-27T13:30:00Z');
    await task(user, 'Altpapier rausstellen', '2026-11-10', 'done');
    await task(user, 'Nächstes Jahr', '2027-01-15');
    renderScreen(agenda(), { api: user.api, route: '/agenda?view=month&date=2026-11-01' });

    expect(await screen.findByRole('heading', { level: 2, name: 'November 2026' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'November 2026' });
    const columns = within(table).getAllByRole('columnheader');
    expect(columns[0]).toHaveTextContent('Montag');

    await waitFor(() => expect(within(day('Freitag, 27. November 2026')).getByRole('link', { name: 'Steuererklärung abgeben' })).toHaveAttribute('href', `/tasks/${due.id}`));
    // An appointment shows its time in the user's zone (13:30 UTC is 14:30 in Berlin).
    expect(within(day('Freitag, 27. November 2026')).getByRole('link', { name: '14:30 Zahnarzt' })).toBeInTheDocument();
    // Done tasks stay, marked in words.
    expect(within(day('Dienstag, 10. November 2026')).getByRole('link', { name: 'Altpapier rausstellen (erledigt)' })).toBeInTheDocument();
    expect(screen.queryByText('Nächstes Jahr')).not.toBeInTheDocument();
    // The day before, the reminders of both tasks are summed up, with a link to that day's week.
    const before = day('Donnerstag, 26. November 2026');
    const summary = await within(before).findByRole('link', { name: /^\d+ Erinnerungen ab 09:00 \(in der Wochenansicht zeigen\)$/ });
    expect(summary).toHaveAttribute('href', '/agenda?view=week&date=2026-11-26');
    expect(within(before).getAllByRole('link')).toHaveLength(1);
    // A done task has no reminders left.
    expect(within(day('Montag, 9. November 2026')).queryAllByRole('link')).toHaveLength(0);
  });

  it('starts the week on the day the user chose', async () => {
    const user = await signUpForTest();
    await unwrap(user.api.PATCH('/api/v1/users/me', { body: { ui_preferences: { first_day_of_week: 0 } } }));
    renderScreen(agenda(), { api: user.api, route: '/agenda?view=month&date=2026-11-01' });
    const table = await screen.findByRole('table', { name: 'November 2026' });
    expect(within(table).getAllByRole('columnheader')[0]).toHaveTextContent('Sonntag');
    // November 2026 begins on a Sunday: the first cell is the 1st.
    expect(within(table).getAllByRole('cell')[0]).toContainElement(screen.getByRole('heading', { name: 'Sonntag, 1. November 2026' }));
  });

  it('moves through the weeks, shows each task\'s reminders in the week view and keeps view and date in the URL', async () => {
    const user = await signUpForTest();
    await task(user, 'Steuererklärung abgeben', '2026-11-27');
    await task(user, 'Miete überweisen', '2026-12-03');
    renderScreen(agenda(), { api: user.api, route: '/agenda?view=week&date=2026-11-25' });

    expect(await screen.findByRole('heading', { level: 2, name: '23.–29. November 2026' })).toBeInTheDocument();
    await waitFor(() => expect(within(day('Freitag, 27. November 2026')).getByRole('link', { name: 'Steuererklärung abgeben' })).toBeInTheDocument());
    expect(within(day('Montag, 23. November 2026')).getByText('Nichts geplant')).toBeInTheDocument();
    // The planned reminders of the task, per day (times in Berlin): four on the day before.
    const reminder = await within(day('Donnerstag, 26. November 2026')).findByRole('link', { name: '4 Erinnerungen ab 09:00 für „Steuererklärung abgeben“' });
    expect(reminder).toHaveAttribute('href', expect.stringMatching(/^\/tasks\//));
    expect(screen.queryByText('Miete überweisen')).not.toBeInTheDocument();
    // A task due next week whose first reminder comes this week: the reminder is on this week's day.
    expect(within(day('Donnerstag, 26. November 2026')).getByRole('link', { name: 'Erinnerung 09:00 für „Miete überweisen“' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Nächste Woche' }));
    expect(await screen.findByRole('heading', { level: 2, name: /^30\. November\s–\s6\. Dezember 2026$/ })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('?view=week&date=2026-12-02');
    await waitFor(() => expect(within(day('Donnerstag, 3. Dezember 2026')).getByRole('link', { name: 'Miete überweisen' })).toBeInTheDocument());
    expect(screen.queryByRole('link', { name: 'Steuererklärung abgeben' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Vorherige Woche' }));
    expect(await screen.findByRole('heading', { level: 2, name: '23.–29. November 2026' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Monat' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'November 2026' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Monat' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('where')).toHaveTextContent('?view=month&date=2026-11-25');

    await userEvent.click(screen.getByRole('button', { name: 'Heute' }));
    const today = localDateOf(new Date(), 'Europe/Berlin');
    expect(screen.getByTestId('where')).toHaveTextContent(`?view=month&date=${today}`);
    expect(screen.getByRole('heading', { level: 3, name: /heute$/ })).toBeInTheDocument();
  });

  it('shows the month as a list of the days that have something on a phone', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('max-width'), media: query, addEventListener: () => {}, removeEventListener: () => {} }));
    const user = await signUpForTest();
    await task(user, 'Steuererklärung abgeben', '2026-11-27');
    renderScreen(agenda(), { api: user.api, route: '/agenda?view=month&date=2026-11-01' });

    await waitFor(() => expect(within(day('Freitag, 27. November 2026')).getByRole('link', { name: 'Steuererklärung abgeben' })).toBeInTheDocument());
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    // Only days with something: the due day, and the days its reminders come.
    const reminderDays = (await screen.findAllByRole('link', { name: /Erinnerung/ })).map((link) => new URLSearchParams(link.getAttribute('href')?.split('?')[1]).get('date'));
    expect(reminderDays.length).toBeGreaterThan(0);
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(new Set([...reminderDays, '2026-11-27']).size);
  });
});
