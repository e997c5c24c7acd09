import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest, type TestUser } from '../../shared/testing/render.tsx';
import { NotificationsScreen } from './NotificationsScreen.tsx';
import { UnreadBadge } from './UnreadBadge.tsx';

/**
 * A notification through the API: a PDF that cannot be read makes the server put "„<name>“ konnte
 * nicht gelesen werden" (severity warning, linking to the document) into the notification centre.
 * Reminders cannot fire here: the test server's clock stands still and every planned reminder lies
 * in its future. Each upload differs (the same bytes twice would be one document).
 */
async function seedNotification(user: TestUser, name = 'Brief vom Amt.pdf'): Promise<{ documentId: string }> {
  const boundary = `----workmate${Math.random().toString(36).slice(2)}`;
  const body = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${name}"`, 'Content-Type: application/pdf', '', '%PDF-1.4', `not really a pdf: ${name} ${Math.random()}`, '%%EOF', `--${boundary}--`, ''].join('\r\n');
  const response = await fetch(`${user.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  const { documents } = (await response.json()) as { documents: { id: string }[] };
  const documentId = documents[0]!.id;
  await waitFor(
    async () => {
      const page = await unwrap(user.api.GET('/api/v1/notifications', { params: { query: { page: 1, page_size: 20 } } }));
      expect(page.results.some((item) => item.action_url === `/documents/${documentId}`)).toBe(true);
    },
    { timeout: 20_000, interval: 250 },
  );
  return { documentId };
}

async function unreadCount(user: TestUser) {
  return (await unwrap(user.api.GET('/api/v1/notifications/unread-count'))).unread;
}

describe('NotificationsScreen', () => {
  it('shows a calm empty state, and another one for the unread filter', async () => {
    const user = await signUpForTest();
    const first = renderScreen(<NotificationsScreen />, { api: user.api, route: '/notifications', path: '/notifications' });
    expect(await screen.findByText('Noch keine Benachrichtigungen.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Benachrichtigungen' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Alle' })).toHaveAttribute('aria-current', 'page');
    first.unmount();

    renderScreen(<NotificationsScreen />, { api: user.api, route: '/notifications?unread=true', path: '/notifications' });
    expect(await screen.findByText('Alles gelesen.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Nur ungelesene' })).toHaveAttribute('aria-current', 'page');
  });

  it('lists a notification with its words, time, urgency and delivery, and marks it read (the badge follows)', async () => {
    const user = await signUpForTest();
    await seedNotification(user);
    renderScreen(
      <>
        <UnreadBadge />
        <NotificationsScreen />
      </>,
      { api: user.api, route: '/notifications', path: '/notifications' },
    );
    expect(await screen.findByText('1 ungelesene')).toBeInTheDocument();
    expect(document.querySelector('.unread-badge')).toHaveAttribute('data-count', '1');

    const item = await screen.findByRole('listitem', { name: '„Brief vom Amt.pdf“ konnte nicht gelesen werden' });
    expect(within(item).getByText('Neu')).toBeInTheDocument();
    expect(within(item).getByText('Hinweis')).toBeInTheDocument();
    expect(within(item).getByText(/Das Dokument ist gespeichert/)).toBeInTheDocument();
    // 10:00 UTC on the server's clock is 11:00 in Berlin, the user's zone.
    expect(await within(item).findByText('25.11.2026, 11:00')).toBeInTheDocument();
    expect(within(item).getByText('Wie es dich erreicht hat')).toBeInTheDocument();
    expect(within(item).getByText('Zugestellt über: App')).toBeInTheDocument();
    expect(await screen.findByText('1 ungelesen')).toBeInTheDocument();

    await userEvent.click(within(item).getByRole('button', { name: 'Als gelesen markieren' }));
    await waitFor(() => expect(within(screen.getByRole('listitem', { name: /Brief vom Amt/ })).queryByText('Neu')).not.toBeInTheDocument());
    expect(await unreadCount(user)).toBe(0);
    expect(await screen.findByText('Nichts Ungelesenes')).toBeInTheDocument();
    expect(screen.queryByText('1 ungelesene')).not.toBeInTheDocument();
  });

  it('opens what a notification is about and marks it read and clicked', async () => {
    const user = await signUpForTest();
    const { documentId } = await seedNotification(user, 'Rechnung.pdf');
    renderScreen(<NotificationsScreen />, {
      api: user.api,
      route: '/notifications?unread=true',
      path: '/notifications',
      extraRoutes: { '/documents/:id': <p>Dokumentseite</p> },
    });

    await userEvent.click(await screen.findByRole('link', { name: '„Rechnung.pdf“ konnte nicht gelesen werden' }));
    expect(await screen.findByText('Dokumentseite')).toBeInTheDocument();
    await waitFor(async () => {
      const page = await unwrap(user.api.GET('/api/v1/notifications', { params: { query: { page: 1, page_size: 20 } } }));
      const opened = page.results.find((item) => item.action_url === `/documents/${documentId}`);
      expect(opened?.read_at).not.toBeNull();
      expect(opened?.clicked_at).not.toBeNull();
    });
  });

  it('marks every unread one read at once', async () => {
    const user = await signUpForTest();
    await seedNotification(user, 'Eins.pdf');
    await seedNotification(user, 'Zwei.pdf');
    renderScreen(<NotificationsScreen />, { api: user.api, route: '/notifications?unread=true', path: '/notifications' });

    expect(await screen.findAllByRole('listitem', { name: /konnte nicht gelesen werden/ })).toHaveLength(2);
    await userEvent.click(screen.getByRole('button', { name: 'Alle als gelesen markieren' }));
    expect(await screen.findByText('Alles gelesen.')).toBeInTheDocument();
    expect(await unreadCount(user)).toBe(0);
  });
});
