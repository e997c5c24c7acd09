import { StrictMode } from 'react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest } from '../../shared/testing/render.tsx';
import { ublInvoice, uploadDocument } from '../../shared/testing/documents.ts';
import { createTask } from './today.testing.ts';
import { TodayScreen } from './TodayScreen.tsx';

// The machine is shared while tests run: give the real server time to answer.
configure({ asyncUtilTimeout: 5000 });

const taskCard = (title: string) => screen.getByRole('article', { name: title });

describe('TodayScreen', () => {
  it('lists a task that is due soon with its date and amount', async () => {
    const user = await signUpForTest();
    await createTask(user, { title: 'Strom bezahlen', due_date: '2026-11-26', amount: '89.99', tags: ['Wohnung'] });
    renderScreen(<TodayScreen />, { api: user.api });

    expect(screen.getByRole('heading', { level: 1, name: 'Heute' })).toBeInTheDocument();
    const card = await screen.findByRole('article', { name: 'Strom bezahlen' });
    expect(within(card).getByText('89,99 €')).toBeInTheDocument();
    expect(within(card).getByText(/26\.11\.2026/)).toBeInTheDocument();
    expect(within(card).getByText('Wohnung')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Strom bezahlen' })).toHaveAttribute('href', expect.stringMatching(/^\/tasks\//));
    expect(screen.getByText(/Heute ist eine Sache dran\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Fokus' })).toHaveAttribute('href', '/focus');
  });

  it('keeps a task added today in sight under "Neu dazugekommen" although it is due in three weeks', async () => {
    const user = await signUpForTest();
    await createTask(user, { title: 'Versicherung zahlen', due_date: '2026-12-16', amount: '571.04' });
    renderScreen(<TodayScreen />, { api: user.api });

    const section = await screen.findByRole('region', { name: 'Neu dazugekommen' });
    const card = within(section).getByRole('article', { name: 'Versicherung zahlen' });
    expect(within(card).getByText('571,04 €')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Jetzt dran' })).not.toBeInTheDocument();
  });

  it('completes a task at once, and Undo opens it again', async () => {
    const user = await signUpForTest();
    const task = await createTask(user, { title: 'Kita-Formular abgeben', due_date: '2026-11-26' });
    await createTask(user, { title: 'Zahnarzt anrufen', due_date: '2026-11-26' });
    renderScreen(<TodayScreen />, { api: user.api });

    await userEvent.click(await screen.findByRole('button', { name: '„Kita-Formular abgeben“ erledigt' }));
    expect(screen.queryByRole('article', { name: 'Kita-Formular abgeben' })).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Zahnarzt anrufen' })).toBeInTheDocument();
    expect(await screen.findByText('Erledigt: „Kita-Formular abgeben“')).toBeInTheDocument();
    await waitFor(async () => expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: task.id } } }))).status).toBe('done'));

    await userEvent.click(screen.getByRole('button', { name: 'Rückgängig' }));
    expect(await screen.findByRole('article', { name: 'Kita-Formular abgeben' })).toBeInTheDocument();
    expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: task.id } } }))).status).toBe('open');
  });

  it('brings a task back with the reason when it cannot be done yet, and "Trotzdem erledigt" does it', async () => {
    const user = await signUpForTest();
    const first = await createTask(user, { title: 'Unterlagen sammeln' });
    const waiting = await createTask(user, { title: 'Antrag abschicken', due_date: '2026-11-26' });
    await unwrap(user.api.POST('/api/v1/tasks/{id}/dependencies', { params: { path: { id: waiting.id } }, body: { depends_on_task_id: first.id } }));
    // StrictMode's trial unmount must not drop the error of the attempt.
    renderScreen(
      <StrictMode>
        <TodayScreen />
      </StrictMode>,
      { api: user.api },
    );

    const card = await screen.findByRole('article', { name: 'Antrag abschicken' });
    expect(within(card).getByText('Wartet noch auf: Unterlagen sammeln')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('button', { name: '„Antrag abschicken“ erledigt' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Diese Aufgabe wartet noch auf andere.');
    expect(alert).toHaveTextContent('Sie wartet auf: Unterlagen sammeln.');
    expect(taskCard('Antrag abschicken')).toContainElement(alert);
    expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: waiting.id } } }))).status).toBe('open');

    await userEvent.click(within(alert).getByRole('button', { name: '„Antrag abschicken“ trotzdem erledigt' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Antrag abschicken' })).not.toBeInTheDocument());
    await waitFor(async () => expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: waiting.id } } }))).status).toBe('done'));
  });

  it('snoozes the next reminder of a task', async () => {
    const user = await signUpForTest();
    const task = await createTask(user, { title: 'Steuererklärung abschicken', due_date: '2026-11-26' });
    const before = await unwrap(user.api.GET('/api/v1/tasks/{id}/reminders', { params: { path: { id: task.id } } }));
    expect(before.reminders.some((reminder) => reminder.status === 'pending')).toBe(true);
    renderScreen(<TodayScreen />, { api: user.api });

    const card = await screen.findByRole('article', { name: 'Steuererklärung abschicken' });
    const later = within(card).getByRole('button', { name: 'Später erinnern' });
    await userEvent.click(later);
    expect(later).toHaveAttribute('aria-expanded', 'true');
    expect(within(card).getByRole('button', { name: 'In 15 Minuten' })).toHaveFocus();
    await userEvent.click(within(card).getByRole('button', { name: 'Morgen früh' }));

    // The server's clock stands at 2026-11-25 10:00 UTC: tomorrow morning is the 26th, 09:00 in Berlin.
    expect(await screen.findByText('Alles klar. Ich erinnere dich an „Steuererklärung abschicken“ am 26.11.2026, 09:00.')).toBeInTheDocument();
    const after = await unwrap(user.api.GET('/api/v1/tasks/{id}/reminders', { params: { path: { id: task.id } } }));
    const snoozed = after.reminders.filter((reminder) => reminder.snoozed_until !== null);
    expect(snoozed).toHaveLength(1);
    expect(snoozed[0]?.status).toBe('pending');
    expect(snoozed[0]?.snoozed_until).toBe('2026-11-26T08:00:00.000Z');
    expect(later).toHaveFocus();
    expect(taskCard('Steuererklärung abschicken')).toBeInTheDocument();
  });

  it('shows how to pay a bill from an e-invoice, and "Bezahlt" completes it', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'rechnung.xml', content: ublInvoice({ number: 'RE-2026-117', seller: 'Stadtwerke Musterstadt GmbH', dueDate: '2026-11-26', amount: '142.50', iban: 'DE89370400440532013000' }) });
    expect(document.processing_status).toBe('done');
    const made = document.tasks?.[0];
    if (!made) throw new Error('the invoice made no task');
    renderScreen(<TodayScreen />, { api: user.api });

    const card = await screen.findByRole('article', { name: made.title });
    expect(within(card).queryByRole('button', { name: `„${made.title}“ erledigt` })).not.toBeInTheDocument();
    const pay = within(card).getByRole('button', { name: `„${made.title}“ bezahlen` });
    await userEvent.click(pay);
    expect(pay).toHaveAttribute('aria-expanded', 'true');

    const panel = await within(card).findByRole('region', { name: 'So bezahlst du' });
    expect(await within(panel).findByText('DE89 3704 0044 0532 0130 00')).toBeInTheDocument();
    expect(within(panel).getByText('142,50 €')).toBeInTheDocument();
    expect(within(panel).getByText('Stadtwerke Musterstadt GmbH')).toBeInTheDocument();
    expect(within(panel).getByText('RE-2026-117')).toBeInTheDocument();

    const clipboard = userEvent.setup();
    await clipboard.click(within(panel).getByRole('button', { name: 'IBAN kopieren' }));
    expect(await navigator.clipboard.readText()).toBe('DE89370400440532013000');
    expect(within(panel).getByText('IBAN kopiert.')).toBeInTheDocument();

    await clipboard.click(within(panel).getByRole('button', { name: `„${made.title}“ bezahlt` }));
    expect(await screen.findByText(`Bezahlt: „${made.title}“`)).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: made.title })).not.toBeInTheDocument();
    await waitFor(async () => expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: made.id } } }))).status).toBe('done'));
  });

  it('says calmly when nothing is due and points to capturing', async () => {
    const user = await signUpForTest();
    renderScreen(<TodayScreen />, { api: user.api });

    expect(await screen.findByText('Nichts Dringendes heute')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Etwas erfassen' })).toHaveAttribute('href', '/capture');
    expect(screen.queryByRole('link', { name: 'Fokus' })).not.toBeInTheDocument();
  });

  it('speaks English', async () => {
    const user = await signUpForTest({ language: 'en' });
    await createTask(user, { title: 'Call the dentist', due_date: '2026-11-26' });
    renderScreen(<TodayScreen />, { api: user.api, language: 'en' });

    expect(await screen.findByRole('button', { name: '“Call the dentist” done' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Today' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remind me later' })).toBeInTheDocument();
  });
});
