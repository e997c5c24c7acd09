import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../shared/api/client.ts';
import { renderScreen, signUpForTest, type TestUser } from '../../shared/testing/render.tsx';
import { CaptureScreen } from './CaptureScreen.tsx';
import { ublFile } from '../../shared/testing/documents.ts';
import { sameOriginAs } from './testing.ts';

/** The smallest valid PNG (1×1), with a byte changed per photo so each is a different file. */
function png(name: string, variant: number): File {
  const bytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (char) => char.charCodeAt(0));
  const withVariant = new Uint8Array([...bytes, variant]);
  return new File([withVariant], name, { type: 'image/png' });
}

function renderCapture(user: TestUser) {
  sameOriginAs(user.baseUrl);
  return renderScreen(<CaptureScreen upload={{ baseUrl: user.baseUrl, bearer: user.accessToken }} />, { api: user.api, route: '/capture', path: '/capture' });
}

async function documentsOf(user: TestUser) {
  return unwrap(user.api.GET('/api/v1/documents', { params: { query: { page: 1, page_size: 20 } } }));
}

describe('CaptureScreen', () => {
  it('uploads an e-invoice through the file picker and shows what it is, with its amount and due date', async () => {
    const user = await signUpForTest();
    renderCapture(user);
    expect(screen.getByRole('heading', { level: 1, name: 'Erfassen' })).toBeInTheDocument();

    await userEvent.upload(screen.getByLabelText('Dateien auswählen'), ublFile());

    const row = (await screen.findByText('rechnung.xml')).closest('li')!;
    await within(row).findByText(/^Rechnung · 119,00\s€ · fällig am 05\.12\.2026 \(noch \d+ Tage\)$/, undefined, { timeout: 15_000 });
    expect(within(row).getByRole('status')).toHaveTextContent('Fertig gelesen.');
    expect(within(row).getByText('Stadtwerke Musterstadt — Rechnung November 2026')).toBeInTheDocument();

    const documents = await documentsOf(user);
    expect(documents.total).toBe(1);
    const id = documents.results[0]!.id;
    const next = documents.results[0]!.needs_review ? 'Prüfen' : 'Ansehen';
    expect(within(row).getAllByRole('link')[0]).toHaveAccessibleName(next);
    expect(within(row).getByRole('link', { name: 'Prüfen' })).toHaveAttribute('href', `/documents/${id}/review`);
    expect(within(row).getByRole('link', { name: 'Ansehen' })).toHaveAttribute('href', `/documents/${id}`);

    // The same file again: said plainly, no second document.
    await userEvent.upload(screen.getByLabelText('Dateien auswählen'), ublFile());
    await waitFor(() => expect(screen.getAllByRole('status').some((status) => status.textContent?.startsWith('Kennen wir schon'))).toBe(true));
    expect((await documentsOf(user)).total).toBe(1);
  });

  it('says in plain words why a file was refused while the other files go on', async () => {
    const user = await signUpForTest();
    renderCapture(user);

    const note = new File(['Einkaufsliste: Milch, Brot'], 'notiz.txt', { type: 'text/plain' });
    fireEvent.drop(screen.getByRole('group', { name: 'Zieh Dateien hierher oder wähle sie aus.' }), { dataTransfer: { files: [note, ublFile({ number: 'R-2' })] } });

    const refused = (await screen.findByText('notiz.txt')).closest('li')!;
    expect(await within(refused).findByRole('alert')).toHaveTextContent('Diese Dateiart kann Workmate nicht lesen. Es gehen PDF, Fotos (JPEG, PNG, HEIC, TIFF, WebP) und E-Rechnungen (XML).');
    expect(within(refused).queryByRole('button', { name: 'Nochmal versuchen' })).not.toBeInTheDocument();

    const accepted = screen.getByText('rechnung.xml').closest('li')!;
    await within(accepted).findByText(/119,00\s€/, undefined, { timeout: 15_000 });
    expect((await documentsOf(user)).total).toBe(1);
  });

  it('asks whether several photos are pages of one letter and uploads them as one document', async () => {
    const user = await signUpForTest();
    renderCapture(user);

    await userEvent.upload(screen.getByLabelText('Dateien auswählen'), [png('seite-1.png', 1), png('seite-2.png', 2)]);
    expect(screen.getByRole('heading', { level: 2, name: 'Deine Fotos' })).toBeInTheDocument();
    expect(screen.getByText('2 Fotos sind bereit.', { exact: false })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Diese Fotos sind Seiten eines Briefes' }));
    await userEvent.click(screen.getByRole('button', { name: 'Fotos hochladen' }));

    expect(screen.queryByRole('heading', { name: 'Deine Fotos' })).not.toBeInTheDocument();
    const row = screen.getByText('2 Fotos als ein Brief').closest('li')!;
    await waitFor(() => expect(within(row).getByRole('status')).not.toHaveTextContent('Wird hochgeladen'));
    expect((await documentsOf(user)).total).toBe(1);
  });

  it('offers the camera as a labelled picture input', async () => {
    const user = await signUpForTest();
    renderCapture(user);
    const camera = screen.getByLabelText('Foto aufnehmen');
    expect(camera).toHaveAttribute('accept', 'image/*');
    expect(camera).toHaveAttribute('capture', 'environment');

    await userEvent.upload(camera, png('foto.png', 3));
    expect(screen.getByText('1 Foto ist bereit.', { exact: false })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Fotos verwerfen' }));
    expect(screen.queryByRole('heading', { name: 'Deine Fotos' })).not.toBeInTheDocument();
    expect((await documentsOf(user)).total).toBe(0);
  });
});
