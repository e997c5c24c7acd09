import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest, type TestUser } from '../../shared/testing/render.tsx';
import { eventually, textPdfFile, ublFile, uploadDocument } from '../../shared/testing/documents.ts';
import { invoiceLetterLines, sameOriginAs } from '../capture/testing.ts';
import { metadataOf } from './facts.ts';
import { ReviewScreen } from './ReviewScreen.tsx';

/** The IBAN of the letters, with one digit wrong: its check digits fail. */
const WRONG_IBAN = 'DE89 3704 0044 0532 0130 01';

async function signedUp(): Promise<TestUser> {
  const user = await signUpForTest();
  sameOriginAs(user.baseUrl);
  return user;
}

function renderReview(user: TestUser, id: string) {
  return renderScreen(<ReviewScreen />, {
    api: user.api,
    route: `/documents/${id}/review`,
    path: '/documents/:id/review',
    extraRoutes: { '/': <h1>Heute-Seite</h1> },
  });
}

async function stored(user: TestUser, id: string) {
  return unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
}

describe('ReviewScreen', () => {
  it('shows amount, due date and IBAN of an e-invoice with their source', async () => {
    const user = await signedUp();
    const document = await uploadDocument(user, ublFile());
    renderReview(user, document.id);

    const due = await screen.findByLabelText('Noch zu zahlen');
    expect(screen.getByRole('heading', { level: 1, name: 'Dokument prüfen' })).toBeInTheDocument();
    expect(due).toHaveValue('119,00');
    expect(due).toHaveAccessibleDescription('Quelle: aus der E-Rechnung');
    expect(screen.getByLabelText('Fällig am')).toHaveValue('2026-12-05');
    expect(screen.getByLabelText('Fällig am')).toHaveAccessibleDescription('Quelle: aus der E-Rechnung');
    expect(screen.getByLabelText('IBAN')).toHaveValue('DE89 3704 0044 0532 0130 00');
    expect(screen.getByLabelText('IBAN')).toHaveAccessibleDescription('Quelle: aus der E-Rechnung');
    expect(screen.getByLabelText('Art')).toHaveDisplayValue('Rechnung');
    expect(screen.getByLabelText('Absender')).toHaveValue('Stadtwerke Musterstadt');
    expect(screen.queryByText('bitte prüfen')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Original öffnen' })).toHaveAttribute('href', `/api/v1/documents/${document.id}/file`);
    // Not an old bill: no "already paid?" question.
    expect(screen.queryByRole('heading', { name: 'Schon bezahlt?' })).not.toBeInTheDocument();
  });

  it('names a sender by its brand and shows the company behind it', async () => {
    const user = await signedUp();
    const lines = [
      'Telemax Kommunikation GmbH · Funkweg 1 · 50667 Köln', 'Erika Mustermann', 'Musterweg 5', '80331 München', '',
      'Rechnung Nr. 4711', 'Rechnungsdatum: 20.11.2026', 'Gesamtbetrag: 19,90 €', 'Ihr Funkwelle-Team', 'Hilfe unter www.funkwelle.de', '', '', '',
      'Telemax Kommunikation GmbH · Geschäftsführer: Eva Klar · Amtsgericht Köln HRB 9',
    ];
    const document = await uploadDocument(user, await textPdfFile(lines));
    renderReview(user, document.id);

    expect(await screen.findByLabelText('Absender')).toHaveValue('Funkwelle');
    const behind = screen.getByText('Firma hinter dem Absender').closest('div')!;
    expect(within(behind).getByText('Telemax Kommunikation GmbH')).toBeInTheDocument();
  });

  it('marks uncertain fields read from the text layer with a visible "bitte prüfen"', async () => {
    const user = await signedUp();
    const document = await uploadDocument(user, await textPdfFile(invoiceLetterLines({ iban: WRONG_IBAN })));
    const metadata = metadataOf(document);
    expect(metadata.fields.amount).toMatchObject({ source: 'text' });
    expect(metadata.fields.amount!.confidence).toBeLessThan(0.9);
    renderReview(user, document.id);

    const amount = await screen.findByLabelText('Betrag (brutto)');
    expect(amount).toHaveValue('59,90');
    expect(amount).toHaveAccessibleDescription('Quelle: aus dem Text des PDFs bitte prüfen');
    expect(screen.getByLabelText('IBAN')).toHaveAccessibleDescription(/bitte prüfen.*Die Prüfziffer der IBAN passt nicht\./);
    expect(screen.getByRole('img', { name: /^Erste Seite von/ })).toHaveAttribute('src', `/api/v1/documents/${document.id}/thumbnail`);
    expect(screen.getByText(/Angaben sind unsicher/)).toBeInTheDocument();
  });

  it('stores a corrected field as the user’s, confirms the rest and goes to Today', async () => {
    const user = await signedUp();
    const document = await uploadDocument(user, await textPdfFile(invoiceLetterLines({ iban: WRONG_IBAN })));
    expect(document.needs_review).toBe(true);
    renderReview(user, document.id);

    const iban = await screen.findByLabelText('IBAN');
    await userEvent.clear(iban);
    await userEvent.paste('de89 3704 0044 0532 0130 00');
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));

    expect(await screen.findByRole('heading', { name: 'Heute-Seite' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('Bestätigt. Was zu tun ist, steht unter „Heute“.')).toBeInTheDocument();
    const after = await stored(user, document.id);
    const metadata = metadataOf(after);
    expect(metadata.payment_info?.iban).toBe('DE89370400440532013000');
    expect(metadata.fields['payment_info.iban']).toMatchObject({ source: 'user', confidence: 1 });
    expect(metadata.fields.amount).toMatchObject({ source: 'text', confidence: 1, confirmed: true });
    expect(metadata.amount).toBe('59.90');
    expect(after.needs_review).toBe(false);
  });

  it('removes a cleared detail and keeps the others of its group', async () => {
    const user = await signedUp();
    const document = await uploadDocument(user, await textPdfFile(invoiceLetterLines({ number: '4713' })));
    expect(metadataOf(document).payment_info).toMatchObject({ iban: 'DE89370400440532013000', reference: '4713' });
    renderReview(user, document.id);

    await userEvent.clear(await screen.findByLabelText('Verwendungszweck'));
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));

    expect(await screen.findByRole('heading', { name: 'Heute-Seite' }, { timeout: 10_000 })).toBeInTheDocument();
    const metadata = metadataOf(await stored(user, document.id));
    expect(metadata.payment_info).toEqual({ iban: 'DE89370400440532013000' });
    expect(metadata.fields['payment_info.reference']).toMatchObject({ source: 'user' });
  });

  it('keeps what was typed when a value does not fit, and says why under the field', async () => {
    const user = await signedUp();
    const document = await uploadDocument(user, await textPdfFile(invoiceLetterLines({ number: '4712' })));
    renderReview(user, document.id);

    // Checked here: not an amount.
    const amount = await screen.findByLabelText('Betrag (brutto)');
    await userEvent.clear(amount);
    await userEvent.type(amount, 'zwölf Euro');
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    expect(amount).toHaveValue('zwölf Euro');
    expect(amount).toHaveAccessibleDescription(/Bitte als Betrag schreiben, zum Beispiel 119,00\./);
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Ein paar Angaben passen so noch nicht.');
    expect(amount).toHaveFocus();

    // Checked by the server: too long for an invoice number.
    await userEvent.clear(amount);
    await userEvent.type(amount, '60,00');
    const number = screen.getByLabelText('Rechnungsnummer');
    const tooLong = 'R'.repeat(101);
    await userEvent.clear(number);
    await userEvent.paste(tooLong);
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));
    await waitFor(() => expect(number).toHaveAccessibleDescription(/Das ist zu lang: höchstens 100 Zeichen\./), { timeout: 10_000 });
    expect(number).toHaveValue(tooLong);
    expect(amount).toHaveValue('60,00');

    const unchanged = metadataOf(await stored(user, document.id));
    expect(unchanged.amount).toBe('59.90');
    expect(unchanged.invoice_number).toBe('4712');
    expect(unchanged.fields.amount?.source).toBe('text');
  });

  it('files an old bill as paid: its payment task is done', async () => {
    const user = await signedUp();
    const document = await uploadDocument(user, ublFile({ number: 'ALT-1', issueDate: '2026-09-01', dueDate: '2026-09-15' }));
    const task = await eventually(async () => (await stored(user, document.id)).tasks?.[0]);
    expect(task.status).toBe('open');
    renderReview(user, document.id);

    const question = await screen.findByRole('region', { name: 'Schon bezahlt?' });
    await userEvent.click(within(question).getByRole('button', { name: 'Ja, schon bezahlt' }));

    expect(await screen.findByRole('heading', { name: 'Heute-Seite' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByText('Als bezahlt abgelegt.')).toBeInTheDocument();
    const after = await stored(user, document.id);
    expect(metadataOf(after).payment_means).toBe('paid');
    expect(after.needs_review).toBe(false);
    // The correction is announced to the tasks module afterwards: the task stays done, no new one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const tasks = (await stored(user, document.id)).tasks ?? [];
    expect(tasks.map((item) => item.status)).toEqual(['done']);
  });

  it('goes on to the next document that needs a look', async () => {
    const user = await signedUp();
    const first = await uploadDocument(user, await textPdfFile(invoiceLetterLines({ number: '1001', iban: WRONG_IBAN }), 'erste.pdf'));
    const second = await uploadDocument(user, await textPdfFile(invoiceLetterLines({ number: '1002', iban: WRONG_IBAN }), 'zweite.pdf'));
    expect([first.needs_review, second.needs_review]).toEqual([true, true]);
    renderReview(user, first.id);

    await screen.findByLabelText('IBAN');
    await userEvent.click(screen.getByRole('button', { name: 'Bestätigen' }));

    expect(await screen.findByText('Bestätigt. Hier ist das nächste Dokument zum Prüfen.', undefined, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Rechnungsnummer')).toHaveValue('1002'));
    expect((await stored(user, first.id)).needs_review).toBe(false);
  });

  it('speaks English when the user does', async () => {
    const user = await signUpForTest({ language: 'en' });
    sameOriginAs(user.baseUrl);
    const document = await uploadDocument(user, ublFile());
    renderScreen(<ReviewScreen />, { api: user.api, route: `/documents/${document.id}/review`, path: '/documents/:id/review', language: 'en' });

    expect(await screen.findByLabelText('Left to pay')).toHaveValue('119.00');
    expect(screen.getByLabelText('Left to pay')).toHaveAccessibleDescription('Source: from the e-invoice');
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeInTheDocument();
  });
});
