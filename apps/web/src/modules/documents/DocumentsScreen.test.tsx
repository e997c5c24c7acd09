import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderScreen, signUpForTest } from '../../shared/testing/render.tsx';
import { DocumentsScreen } from './DocumentsScreen.tsx';
import { INVALID_IBAN, ublInvoice, uploadDocument } from '../../shared/testing/documents.ts';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{`${location.pathname}${location.search}`}</output>;
}

function screenWithLocation() {
  return (
    <>
      <DocumentsScreen />
      <Where />
    </>
  );
}

describe('DocumentsScreen', () => {
  it('lists an uploaded document with its kind, date, amount and a link to it', async () => {
    const user = await signUpForTest();
    const document = await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1', seller: 'Stadtwerke Musterstadt', amount: '89.99' }) });
    renderScreen(<DocumentsScreen />, { api: user.api, route: '/documents' });

    const link = await screen.findByRole('link', { name: document.title ?? '' });
    expect(link).toHaveAttribute('href', `/documents/${document.id}`);
    const item = link.closest('li') as HTMLElement;
    expect(within(item).getByText('Rechnung')).toBeInTheDocument();
    expect(within(item).getByText('Hochgeladen am 25.11.2026')).toBeInTheDocument();
    expect(within(item).getByText('89,99 €')).toBeInTheDocument();
    expect(within(item).queryByText('bitte prüfen')).not.toBeInTheDocument();
    expect(screen.getByText('1 Dokument')).toHaveAttribute('role', 'status');
  });

  it('filters to the documents to check, and keeps the filter in the URL', async () => {
    const user = await signUpForTest();
    await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1', seller: 'Stadtwerke Musterstadt' }) });
    const doubtful = await uploadDocument(user, { name: 'zahnarzt.xml', content: ublInvoice({ number: 'Z-7', seller: 'Zahnarztpraxis Weiß', iban: INVALID_IBAN }) });
    expect(doubtful.needs_review).toBe(true);
    renderScreen(screenWithLocation(), { api: user.api, route: '/documents' });

    await screen.findByRole('link', { name: /Stadtwerke Musterstadt/ });
    const doubtfulItem = screen.getByRole('link', { name: /Zahnarztpraxis Weiß/ }).closest('li') as HTMLElement;
    expect(within(doubtfulItem).getByText('bitte prüfen')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Nur zu prüfen' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: /Stadtwerke Musterstadt/ })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: /Zahnarztpraxis Weiß/ })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/documents?needs_review=true');
    expect(screen.getByText('1 Dokument passt')).toHaveAttribute('role', 'status');

    await userEvent.click(screen.getByRole('button', { name: 'Filter zurücksetzen' }));
    await screen.findByRole('link', { name: /Stadtwerke Musterstadt/ });
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/documents$/);
  });

  it('opens with the filters of the URL and searches by words', async () => {
    const user = await signUpForTest();
    await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1', seller: 'Stadtwerke Musterstadt' }) });
    await uploadDocument(user, { name: 'zahnarzt.xml', content: ublInvoice({ number: 'Z-7', seller: 'Zahnarztpraxis Weiß', iban: INVALID_IBAN }) });
    renderScreen(screenWithLocation(), { api: user.api, route: '/documents?needs_review=true' });

    await screen.findByRole('link', { name: /Zahnarztpraxis Weiß/ });
    expect(screen.getByRole('checkbox', { name: 'Nur zu prüfen' })).toBeChecked();
    expect(screen.queryByRole('link', { name: /Stadtwerke/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Nur zu prüfen' }));
    await screen.findByRole('link', { name: /Stadtwerke Musterstadt/ });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Suchen' }), 'Stadtwerke');
    await waitFor(() => expect(screen.queryByRole('link', { name: /Zahnarztpraxis/ })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: /Stadtwerke Musterstadt/ })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/documents?q=Stadtwerke');
  });

  it('filters by kind from the folded filters', async () => {
    const user = await signUpForTest();
    await uploadDocument(user, { name: 'strom.xml', content: ublInvoice({ number: 'RE-1', seller: 'Stadtwerke Musterstadt' }) });
    const credit = await uploadDocument(user, { name: 'gutschrift.xml', content: ublInvoice({ number: 'GS-1', seller: 'Versandhaus Nord', typeCode: '381' }) });
    expect(credit.type).toBe('credit_note');
    renderScreen(screenWithLocation(), { api: user.api, route: '/documents' });

    await screen.findByRole('link', { name: /Stadtwerke Musterstadt/ });
    await userEvent.click(screen.getByText('Nach Art oder Stand filtern'));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Art' }), 'Gutschrift');
    await waitFor(() => expect(screen.queryByRole('link', { name: /Stadtwerke Musterstadt/ })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: credit.title ?? '' })).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent('/documents?type=credit_note');
  });

  it('says in plain words when a document could not be read', async () => {
    const user = await signUpForTest();
    const broken = await uploadDocument(user, { name: 'kaputt.xml', content: '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><broken', title: 'Kaputte Rechnung' });
    expect(broken.processing_status).toBe('failed');
    renderScreen(<DocumentsScreen />, { api: user.api, route: '/documents' });
    const item = (await screen.findByRole('link', { name: 'Kaputte Rechnung' })).closest('li') as HTMLElement;
    expect(within(item).getByText('konnte nicht gelesen werden')).toBeInTheDocument();
  });

  it('shows a friendly empty state that leads to capturing', async () => {
    const user = await signUpForTest();
    renderScreen(<DocumentsScreen />, { api: user.api, route: '/documents' });
    expect(await screen.findByText('Noch keine Dokumente')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Dokument erfassen' })).toHaveAttribute('href', '/capture');
  });
});
