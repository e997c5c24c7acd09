import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest } from '../../shared/testing/render.tsx';
import { FocusScreen } from './FocusScreen.tsx';
import { createTask } from './today.testing.ts';

// The machine is shared while tests run: give the real server time to answer.
configure({ asyncUtilTimeout: 5000 });

describe('FocusScreen', () => {
  it('walks through one thing at a time, most urgent first, and skipping changes nothing', async () => {
    const user = await signUpForTest();
    const first = await createTask(user, { title: 'Miete überweisen', due_date: '2026-11-25' });
    const second = await createTask(user, { title: 'Rezept abholen', due_date: '2026-11-26' });
    renderScreen(<FocusScreen />, { api: user.api, route: '/focus' });

    expect(screen.getByRole('heading', { level: 1, name: 'Fokus' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 2, name: 'Miete überweisen' })).toBeInTheDocument();
    expect(screen.getByText('1 von 2')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Rezept abholen' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Überspringen' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Rezept abholen' })).toHaveFocus();
    expect(screen.getByText('2 von 2')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Überspringen' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Geschafft. Für jetzt ist alles durch.' })).toHaveFocus();
    expect(screen.getByText('2 Sachen hast du übersprungen.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Übersprungene nochmal ansehen' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Miete überweisen' })).toHaveFocus();
    for (const task of [first, second]) {
      expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: task.id } } }))).status).toBe('open');
    }
    expect(screen.getByRole('link', { name: 'Zurück zu Heute' })).toHaveAttribute('href', '/');
  });

  it('moves on when the current thing is done, by keyboard', async () => {
    const user = await signUpForTest();
    const first = await createTask(user, { title: 'Antrag unterschreiben', due_date: '2026-11-25' });
    await createTask(user, { title: 'Versicherung anrufen', due_date: '2026-11-26' });
    renderScreen(<FocusScreen />, { api: user.api, route: '/focus' });

    const done = await screen.findByRole('button', { name: '„Antrag unterschreiben“ erledigt' });
    done.focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Versicherung anrufen' })).toHaveFocus();
    expect(screen.getByText('2 von 2')).toBeInTheDocument();
    await waitFor(async () => expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: first.id } } }))).status).toBe('done'));
  });

  it('says so when nothing is up', async () => {
    const user = await signUpForTest();
    renderScreen(<FocusScreen />, { api: user.api, route: '/focus' });
    expect(await screen.findByText('Gerade ist nichts dran. Gönn dir eine Pause.')).toBeInTheDocument();
  });
});
