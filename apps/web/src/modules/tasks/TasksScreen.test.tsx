import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest } from '../../shared/testing/render.tsx';
import { TasksScreen } from './TasksScreen.tsx';

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

// Each step waits on the real server; two shared cores under load can take more than a second.
configure({ asyncUtilTimeout: 5000 });

describe('TasksScreen', () => {
  it('previews what a quick-add line becomes and creates exactly that task', async () => {
    const user = await signUpForTest();
    const ui = userEvent.setup();
    renderScreen(<TasksScreen />, { api: user.api, route: '/tasks', path: '/tasks' });
    await screen.findByText('Nichts offen. Schön!');

    const input = screen.getByLabelText('Neue Aufgabe');
    await ui.type(input, 'Strom bezahlen morgen 50€ #haushalt');

    // The server's clock says 2026-11-25, so "morgen" is the 26th.
    const preview = await screen.findByText('So wird die Aufgabe angelegt');
    const region = preview.closest('[role="status"]') as HTMLElement;
    await waitFor(() => expect(within(region).getByText('Strom bezahlen')).toBeInTheDocument());
    expect(within(region).getByText(/26\.11\.2026/)).toBeInTheDocument();
    expect(within(region).getByText('50,00 €')).toBeInTheDocument();
    expect(within(region).getByText('#haushalt')).toBeInTheDocument();

    await ui.click(screen.getByRole('button', { name: 'Hinzufügen' }));
    await waitFor(() => expect(input).toHaveValue(''));
    expect(await screen.findByRole('link', { name: 'Strom bezahlen' })).toHaveAttribute('href', expect.stringMatching(/^\/tasks\/[0-9a-f-]{36}$/));

    const page = await unwrap(user.api.GET('/api/v1/tasks', { params: { query: { page: 1, page_size: 10 } } }));
    expect(page.total).toBe(1);
    const [task] = page.results;
    expect(task).toMatchObject({ title: 'Strom bezahlen', due_local_date: '2026-11-26', due_is_date: true, amount: '50.00', currency: 'EUR' });
    expect(task?.tags.map((tag) => tag.name)).toEqual(['haushalt']);
  });

  it('keeps the line when creating fails', async () => {
    const user = await signUpForTest();
    const ui = userEvent.setup();
    renderScreen(<TasksScreen />, { api: user.api, route: '/tasks', path: '/tasks' });
    const input = screen.getByLabelText('Neue Aufgabe');
    // Only a tag: nothing is left for a title, the server refuses.
    await ui.type(input, '#nurtag{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Es fehlt noch ein Titel');
    expect(input).toHaveValue('#nurtag');
    expect((await unwrap(user.api.GET('/api/v1/tasks', { params: { query: { page: 1, page_size: 10 } } }))).total).toBe(0);
  });

  it('filters by status through the URL', async () => {
    const user = await signUpForTest();
    await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Steuer vorbereiten' } }));
    await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Miete überwiesen', status: 'done' } }));
    const ui = userEvent.setup();
    renderScreen(
      <>
        <TasksScreen />
        <LocationProbe />
      </>,
      { api: user.api, route: '/tasks?status=done', path: '/tasks' },
    );

    expect(await screen.findByRole('link', { name: 'Miete überwiesen' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Steuer vorbereiten' })).not.toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Erledigt' })).toBeChecked();

    await ui.click(screen.getByRole('radio', { name: 'Offen' }));
    expect(await screen.findByRole('link', { name: 'Steuer vorbereiten' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Miete überwiesen' })).not.toBeInTheDocument());
    expect(screen.getByTestId('location')).toHaveTextContent(/^$/);
    expect(screen.getByRole('button', { name: '„Steuer vorbereiten“ erledigt' })).toBeInTheDocument();

    await ui.click(screen.getByRole('radio', { name: 'Alle' }));
    expect(await screen.findByRole('link', { name: 'Miete überwiesen' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Steuer vorbereiten' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('?status=all');
  });

  it('shows due, amount, priority, steps and what a task waits for', async () => {
    const user = await signUpForTest();
    const first = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Unterlagen holen' } }));
    const main = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Antrag abschicken', amount: '120', priority: 'critical', tags: ['amt'] } }));
    await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Formular ausdrucken', parent_task_id: main.id, status: 'done' } }));
    await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Formular ausfüllen', parent_task_id: main.id } }));
    await unwrap(user.api.POST('/api/v1/tasks/{id}/dependencies', { params: { path: { id: main.id } }, body: { depends_on_task_id: first.id } }));
    renderScreen(<TasksScreen />, { api: user.api, route: '/tasks', path: '/tasks' });

    const link = await screen.findByRole('link', { name: 'Antrag abschicken' });
    const item = link.closest('li') as HTMLElement;
    expect(within(item).getByText('120,00 €')).toBeInTheDocument();
    expect(within(item).getByText('Priorität sehr hoch')).toBeInTheDocument();
    expect(within(item).getByText('1 von 2 Schritten')).toBeInTheDocument();
    expect(within(item).getByText('wartet auf: Unterlagen holen')).toBeInTheDocument();
    expect(within(item).getByText('#amt')).toBeInTheDocument();
    // Sub-steps stay under their task, not in the list.
    expect(screen.queryByRole('link', { name: 'Formular ausfüllen' })).not.toBeInTheDocument();
  });
  it('pages through a long list and keeps the page in the URL', async () => {
    const user = await signUpForTest();
    for (let index = 1; index <= 21; index += 1) {
      await unwrap(user.api.POST('/api/v1/tasks', { body: { title: `Aufgabe ${String(index).padStart(2, '0')}`, due_date: `2026-12-${String(index).padStart(2, '0')}` } }));
    }
    const ui = userEvent.setup();
    renderScreen(
      <>
        <TasksScreen />
        <LocationProbe />
      </>,
      { api: user.api, route: '/tasks', path: '/tasks' },
    );
    expect(await screen.findByRole('link', { name: 'Aufgabe 01' })).toBeInTheDocument();
    expect(screen.getByText('21 Aufgaben')).toBeInTheDocument();
    expect(screen.getByText('Seite 1 von 2')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Aufgabe 21' })).not.toBeInTheDocument();

    await ui.click(screen.getByRole('button', { name: 'Nächste Seite' }));
    expect(await screen.findByRole('link', { name: 'Aufgabe 21' })).toBeInTheDocument();
    expect(screen.getByText('Seite 2 von 2')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('?page=2');
  });

  it('filters by tag and says so when nothing matches', async () => {
    const user = await signUpForTest();
    await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Stromrechnung', tags: ['haushalt'] } }));
    await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Reifen wechseln', tags: ['auto'] } }));
    const ui = userEvent.setup();
    renderScreen(
      <>
        <TasksScreen />
        <LocationProbe />
      </>,
      { api: user.api, route: '/tasks', path: '/tasks' },
    );
    await screen.findByRole('link', { name: 'Reifen wechseln' });
    await ui.click(screen.getByText('Filter und Sortierung'));
    const tag = screen.getByRole('combobox', { name: 'Tag' });
    await waitFor(() => expect(within(tag).getByRole('option', { name: '#haushalt' })).toBeInTheDocument());
    await ui.selectOptions(tag, 'haushalt');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Reifen wechseln' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Stromrechnung' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('?tag=haushalt');

    await ui.selectOptions(screen.getByRole('combobox', { name: 'Priorität' }), 'critical');
    expect(await screen.findByText('Keine Aufgaben passen zu diesen Filtern.')).toBeInTheDocument();
    await ui.click(screen.getAllByRole('button', { name: 'Filter zurücksetzen' })[0] as HTMLElement);
    expect(await screen.findByRole('link', { name: 'Reifen wechseln' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^$/);
  });
});
