import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest } from '../../shared/testing/render.tsx';
import { DocumentScreen } from './DocumentScreen.tsx';
import { INVALID_IBAN, SMALL_PNG, textPdfFile, ublInvoice, uploadDocument } from '../../shared/testing/documents.ts';
import { invoiceLetterLines } from '../capture/testing.ts';

function factOf(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('DocumentScreen', () => {
  it('shows what was read, with its source, and the tasks made from it', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1', seller: 'Stadtwerke Musterstadt', amount: '89.99', dueDate: '2026-12-09' }) });
    const task = document.tasks?.[0];
    expect(task).toBeDefined();
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id' });

    expect(await screen.findByRole('heading', { level: 1, name: document.title ?? '' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Was Workmate gelesen hat' })).toBeInTheDocument();
    expect(factOf('Art')).toHaveTextContent('Rechnung');
    expect(factOf('Absender')).toHaveTextContent('Stadtwerke Musterstadt');
    expect(factOf('Absender')).toHaveTextContent('Quelle: aus der E-Rechnung');
    expect(factOf('Noch zu zahlen')).toHaveTextContent('89,99 €');
    expect(factOf('Fällig am')).toHaveTextContent('09.12.2026');
    expect(factOf('IBAN')).toHaveTextContent('DE89 3704 0044 0532 0130 00');
    expect(factOf('Rechnungsnummer')).toHaveTextContent('RE-1');
    expect(screen.queryByRole('link', { name: 'Prüfen' })).not.toBeInTheDocument();

    const tasks = screen.getByRole('heading', { level: 2, name: 'Aufgaben dazu' }).closest('section') as HTMLElement;
    const link = within(tasks).getByRole('link', { name: task?.title ?? '' });
    expect(link).toHaveAttribute('href', `/tasks/${task?.id}`);
    expect(within(tasks).getByText(/offen · fällig .* \(09\.12\.2026\)/)).toBeInTheDocument();

    // An XML e-invoice has no picture: it can be downloaded.
    expect(screen.getByText('Für diese Datei gibt es keine Vorschau.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Original herunterladen' })).toHaveAttribute('href', `/api/v1/documents/${document.id}/file`);
  });

  it('deletes after a confirmation that says what happens to its open task', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1' }) });
    const taskId = document.tasks?.[0]?.id ?? '';
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id', extraRoutes: { '/documents': <p>Die Liste</p> } });

    await userEvent.click(await screen.findByRole('button', { name: 'Dokument löschen' }));
    const dialog = screen.getByRole('heading', { name: 'Dieses Dokument löschen?' }).closest('section') as HTMLElement;
    expect(dialog).toHaveTextContent('Die offene Aufgabe dazu bleibt bestehen, wenn du unten nichts anderes wählst.');
    expect(screen.getByRole('heading', { name: 'Dieses Dokument löschen?' })).toHaveFocus();

    // Changing one's mind keeps everything.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    expect(screen.queryByRole('heading', { name: 'Dieses Dokument löschen?' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Dokument löschen' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Die offene Aufgabe auch beenden' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, löschen' }));

    expect(await screen.findByText('Die Liste')).toBeInTheDocument();
    expect(screen.getByText('Dokument gelöscht, 1 Aufgabe beendet')).toBeInTheDocument();
    const after = await user.api.GET('/api/v1/documents/{id}', { params: { path: { id: document.id } } });
    expect(after.response.status).toBe(404);
    const task = await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId } } }));
    expect(task.status).toBe('cancelled');
  });

  it('keeps the open tasks when deleting without ticking the box', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-2' }) });
    const taskId = document.tasks?.[0]?.id ?? '';
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id', extraRoutes: { '/documents': <p>Die Liste</p> } });
    await userEvent.click(await screen.findByRole('button', { name: 'Dokument löschen' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ja, löschen' }));
    expect(await screen.findByText('Die Liste')).toBeInTheDocument();
    expect((await user.api.GET('/api/v1/documents/{id}', { params: { path: { id: document.id } } })).response.status).toBe(404);
    expect((await unwrap(user.api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId } } }))).status).toBe('open');
  });

  it('reads the document again and keeps what the user corrected', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1' }) });
    await unwrap(user.api.PATCH('/api/v1/documents/{id}', { params: { path: { id: document.id } }, body: { metadata: { invoice_number: 'RE-1-KORR' } } }));
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id' });

    await screen.findByRole('heading', { level: 2, name: 'Was Workmate gelesen hat' });
    expect(screen.getByText('Was du selbst korrigiert oder bestätigt hast, bleibt dabei erhalten.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Nochmal lesen' }));
    expect(await screen.findByText('Fertig gelesen.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(factOf('Rechnungsnummer')).toHaveTextContent('RE-1-KORR');
    expect(factOf('Rechnungsnummer')).toHaveTextContent('Quelle: von dir');

    const after = await unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id: document.id } } }));
    expect(after.processing_status).toBe('done');
  });

  it('explains a failed document in plain words and offers to read it again', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'kaputt.xml', content: '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><broken', title: 'Kaputte Rechnung' });
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id' });

    const notice = (await screen.findByRole('heading', { level: 2, name: 'Dieses Dokument konnte nicht gelesen werden.' })).closest('section') as HTMLElement;
    expect(within(notice).getByText('Technische Einzelheiten')).toBeInTheDocument();
    await userEvent.click(within(notice).getByRole('button', { name: 'Nochmal lesen' }));
    expect(await screen.findByText('Fertig, aber es ließ sich auch diesmal nicht lesen.', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Dieses Dokument konnte nicht gelesen werden.' })).toBeInTheDocument();
  });

  it('leads to the check when some details are uncertain', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'zahnarzt.xml', content: ublInvoice({ number: 'Z-7', iban: INVALID_IBAN }) });
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id' });
    expect(await screen.findByRole('link', { name: 'Prüfen' })).toHaveAttribute('href', `/documents/${document.id}/review`);
    expect(factOf('IBAN')).toHaveTextContent('bitte prüfen');
  });

  it('changes the title inline and keeps the typed text when it is empty', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1' }) });
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id' });

    await userEvent.click(await screen.findByRole('button', { name: 'Titel ändern' }));
    const field = screen.getByRole('textbox', { name: 'Titel' });
    await userEvent.clear(field);
    await userEvent.type(field, '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Titel speichern' }));
    expect(screen.getByText('Bitte gib einen Titel ein.')).toBeInTheDocument();
    expect(field).toHaveValue('   ');

    await userEvent.clear(field);
    await userEvent.type(field, 'Strom November');
    await userEvent.click(screen.getByRole('button', { name: 'Titel speichern' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Strom November' })).toBeInTheDocument();
    expect((await unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id: document.id } } }))).title).toBe('Strom November');
  });

  it('shows a photo as it is, with a way to open the original', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'brief.png', content: SMALL_PNG, mime: 'image/png', title: 'Brief vom Amt' }, { wait: false });
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id' });
    const image = await screen.findByRole('img', { name: 'Das Dokument „Brief vom Amt“' });
    expect(image).toHaveAttribute('src', `/api/v1/documents/${document.id}/file`);
    expect(screen.getByRole('link', { name: 'Original öffnen' })).toHaveAttribute('href', `/api/v1/documents/${document.id}/file`);
  });

  it('shows every page of a PDF as a picture, the first at once and the others as they come into view', async () => {
    const user = await signUpForTest();
    const file = await textPdfFile(invoiceLetterLines(), 'rechnung.pdf', [['Allgemeine Geschäftsbedingungen']]);
    const document = await uploadDocument(user, file);
    renderScreen(<DocumentScreen />, { api: user.api, route: `/documents/${document.id}`, path: '/documents/:id' });
    const title = document.title ?? '';
    const first = await screen.findByRole('img', { name: `Seite 1 von 2: ${title}` });
    expect(first).toHaveAttribute('src', `/api/v1/documents/${document.id}/pages/1`);
    const second = screen.getByRole('img', { name: `Seite 2 von 2: ${title}` });
    expect(second).toHaveAttribute('src', `/api/v1/documents/${document.id}/pages/2`);
    expect(second).toHaveAttribute('loading', 'lazy');
    // The pictures are real: the server draws them.
    const response = await fetch(new URL(`/api/v1/documents/${document.id}/pages/2`, user.baseUrl), { headers: { authorization: `Bearer ${user.accessToken}` } });
    expect(response.headers.get('content-type')).toBe('image/webp');
  });

  it('says so when the document does not exist', async () => {
    const user = await signUpForTest();
    renderScreen(<DocumentScreen />, { api: user.api, route: '/documents/01a218ce-dd36-733f-bce4-24886c7155e5', path: '/documents/:id' });
    expect(await screen.findByText('Dieses Dokument gibt es nicht (mehr).')).toBeInTheDocument();
  });
});
