import { configure, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createApi, unwrap } from '../../../shared/api/client.ts';
import { renderScreen, signUpForTest } from '../../../shared/testing/render.tsx';
import { SnoozeButton } from './SnoozeButton.tsx';

// The machine is shared while tests run: give the real server time to answer.
configure({ asyncUtilTimeout: 5000 });

describe('SnoozeButton', () => {
  it('opens five choices, closes on Escape and gives the focus back', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Ausweis verlängern', due_date: '2026-11-27' } }));
    renderScreen(<SnoozeButton taskId={task.id} taskTitle={task.title} />, { api: user.api });

    const button = screen.getByRole('button', { name: 'Später erinnern' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    const choices = screen.getByRole('list', { name: 'Wann soll ich dich erinnern?' });
    expect(choices.querySelectorAll('button')).toHaveLength(5);
    for (const name of ['In 15 Minuten', 'In 1 Stunde', 'In 3 Stunden', 'Morgen früh', 'Nächste Woche']) expect(screen.getByRole('button', { name })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'In 15 Minuten' })).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('list', { name: 'Wann soll ich dich erinnern?' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('snoozes for 15 minutes and says until when', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Ausweis verlängern', due_date: '2026-11-27' } }));
    renderScreen(<SnoozeButton taskId={task.id} taskTitle={task.title} />, { api: user.api });

    await userEvent.click(screen.getByRole('button', { name: 'Später erinnern' }));
    await userEvent.click(screen.getByRole('button', { name: 'In 15 Minuten' }));
    // 2026-11-25 10:15 UTC is 11:15 in Berlin.
    expect(await screen.findByText('Alles klar. Ich erinnere dich an „Ausweis verlängern“ am 25.11.2026, 11:15.')).toBeInTheDocument();
    const { reminders } = await unwrap(user.api.GET('/api/v1/tasks/{id}/reminders', { params: { path: { id: task.id } } }));
    expect(reminders.filter((reminder) => reminder.snoozed_until === '2026-11-25T10:15:00.000Z')).toHaveLength(1);
  });

  it('still snoozes when the task is replanned between reading its reminders and the snooze', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Ausweis verlängern', due_date: '2026-11-27' } }));
    const other = createApi({ baseUrl: user.baseUrl, bearer: user.accessToken });
    let moved = false;
    // Right after the first read of the timeline, the deadline moves: every reminder the button saw is gone.
    user.api.use({
      async onResponse({ request }) {
        if (moved || request.method !== 'GET' || !request.url.endsWith('/reminders')) return undefined;
        moved = true;
        await unwrap(other.PATCH('/api/v1/tasks/{id}', { params: { path: { id: task.id } }, body: { due_date: '2026-11-28' } }));
        return undefined;
      },
    });
    renderScreen(<SnoozeButton taskId={task.id} taskTitle={task.title} />, { api: user.api });

    await userEvent.click(screen.getByRole('button', { name: 'Später erinnern' }));
    await userEvent.click(screen.getByRole('button', { name: 'In 15 Minuten' }));
    expect(await screen.findByText('Alles klar. Ich erinnere dich an „Ausweis verlängern“ am 25.11.2026, 11:15.')).toBeInTheDocument();
    expect(moved).toBe(true);
  });

  it('says plainly when the task has no reminder to move', async () => {
    const user = await signUpForTest();
    const task = await unwrap(user.api.POST('/api/v1/tasks', { body: { title: 'Keller aufräumen' } }));
    renderScreen(<SnoozeButton taskId={task.id} taskTitle={task.title} />, { api: user.api });

    await userEvent.click(screen.getByRole('button', { name: 'Später erinnern' }));
    await userEvent.click(screen.getByRole('button', { name: 'In 1 Stunde' }));
    expect(await screen.findByText(/Für diese Aufgabe ist gerade keine Erinnerung geplant/)).toBeInTheDocument();
  });
});
