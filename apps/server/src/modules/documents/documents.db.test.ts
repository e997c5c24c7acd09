/** Document intake through the API, on both databases: upload, processing, reading back, corrections, deletion. */
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { ciiInvoice, encryptedPdf, imageOnlyPdf, invoiceLetter, multiPageTiff, sampleJpeg, scannedPage, textPdf, ublInvoice, type InvoiceValues } from '../extraction/testing/made-documents.ts';
import { uploadFiles } from './testing/upload.ts';

let testApp: TestApp;
let anna: SignedIn;
beforeEach(async () => {
  testApp = await createTestApp({ config: { maxUploadBytes: 200_000 } });
  anna = await signUp(testApp, 'anna');
});
afterEach(async () => testApp.close());

const INVOICE: InvoiceValues = {
  number: 'R-2026-0815', issueDate: '2026-11-02', dueDate: '2026-12-02', seller: 'Stadtwerke Musterstadt GmbH', buyer: 'Anna Beispiel',
  net: '100.00', tax: '19.00', gross: '119.00', iban: 'DE89370400440532013000',
};

interface DocumentBody {
  id: string;
  type: string;
  title: string | null;
  processing_status: string;
  processing_error: string | null;
  confidence_score: number | null;
  needs_review: boolean;
  duplicate?: boolean;
  metadata: Record<string, unknown> & { fields: Record<string, { source: string; confidence: number; confirmed?: boolean }> };
  file: { original_filename: string; mime_type: string; size_bytes: number; sha256: string; has_thumbnail: boolean };
  tasks?: { id: string; title: string; status: string }[];
}

const runJobs = () => testApp.container.jobs.createWorker().runUntilIdle();
const get = async (id: string, who = anna) => testApp.app.inject({ url: `/api/v1/documents/${id}`, headers: who.headers });
const detail = async (id: string) => (await get(id)).json<DocumentBody>();

async function uploadOne(filename: string, content: Buffer, fields: Record<string, string> = {}) {
  const response = await uploadFiles(testApp, anna, [{ filename, content }], fields);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ documents: DocumentBody[] }>().documents[0]!;
}

describe('upload', () => {
  it('answers at once with pending documents, then the worker reads a hybrid e-invoice PDF and a task follows', async () => {
    const pdf = await textPdf([invoiceLetter(INVOICE)], { attachXml: { filename: 'factur-x.xml', xml: ciiInvoice(INVOICE) } });
    const uploaded = await uploadOne('Rechnung November.pdf', pdf);
    expect(uploaded).toMatchObject({ type: 'other', processing_status: 'pending', duplicate: false, file: { original_filename: 'Rechnung November.pdf', mime_type: 'application/pdf', size_bytes: pdf.length } });
    expect(uploaded.file.sha256).toMatch(/^[0-9a-f]{64}$/);

    await runJobs();
    const document = await detail(uploaded.id);
    expect(document).toMatchObject({ type: 'invoice', processing_status: 'done', processing_error: null, title: 'Stadtwerke Musterstadt GmbH — Rechnung November 2026' });
    expect(document.metadata).toMatchObject({
      amount: '119.00', amount_due: '119.00', net_amount: '100.00', tax_amount: '19.00', currency: 'EUR', issue_date: '2026-11-02', due_date: '2026-12-02',
      invoice_number: 'R-2026-0815', sender: { name: 'Stadtwerke Musterstadt GmbH', vat_id: 'DE123456789' }, payment_info: { iban: 'DE89370400440532013000' },
    });
    expect(document.metadata.fields.amount).toEqual({ source: 'einvoice', confidence: 1 });
    expect(document.confidence_score).toBeGreaterThanOrEqual(0.9);
    expect(document.needs_review).toBe(false);
    expect(document.file.has_thumbnail).toBe(true);
    expect(document.tasks).toEqual([expect.objectContaining({ title: 'Stadtwerke Musterstadt GmbH bezahlen: 119,00 €', status: 'open' })]);

    const stored = await testApp.database.db.selectFrom('files').selectAll().executeTakeFirstOrThrow();
    expect(stored.path).toBe(`${anna.userId}/${stored.id}`); // a generated key, never the uploaded name
    expect(stored.extracted_text).toContain('R-2026-0815');
  });

  it('reads standalone UBL invoices and credit notes', async () => {
    const invoice = await uploadOne('invoice.xml', Buffer.from(ublInvoice(INVOICE)));
    const credit = await uploadOne('gutschrift.xml', Buffer.from(ublInvoice({ ...INVOICE, number: 'G-1' }, 'CreditNote')));
    await runJobs();
    expect(await detail(invoice.id)).toMatchObject({ type: 'invoice', processing_status: 'done', metadata: { amount: '119.00', invoice_number: 'R-2026-0815', due_date: '2026-12-02' } });
    expect(await detail(credit.id)).toMatchObject({ type: 'credit_note', processing_status: 'done', metadata: { invoice_number: 'G-1' }, tasks: [] });
  });

  it('recognises the same file uploaded again, also within one request', async () => {
    const xml = Buffer.from(ublInvoice(INVOICE));
    const first = await uploadOne('a.xml', xml);
    const again = await uploadFiles(testApp, anna, [{ filename: 'renamed.xml', content: xml }, { filename: 'copy.xml', content: xml }]);
    expect(again.statusCode).toBe(201);
    expect(again.json<{ documents: DocumentBody[] }>().documents.map((document) => [document.id, document.duplicate])).toEqual([[first.id, true], [first.id, true]]);
    const ben = await signUp(testApp, 'ben');
    const bens = await uploadFiles(testApp, ben, [{ filename: 'a.xml', content: xml }]);
    expect(bens.json<{ documents: DocumentBody[] }>().documents[0]).toMatchObject({ duplicate: false }); // another user's file is not "the same"
    expect(await testApp.database.db.selectFrom('files').select('id').execute()).toHaveLength(2);
  });

  it('takes a title and a type hint; the hint holds while classification is unsure', async () => {
    const uploaded = await uploadOne('scan.jpg', await sampleJpeg(), { title: 'Brief vom Amt', type: 'appointment' });
    expect(uploaded).toMatchObject({ title: 'Brief vom Amt', type: 'appointment' });
    await runJobs();
    expect(await detail(uploaded.id)).toMatchObject({ title: 'Brief vom Amt', type: 'appointment', processing_status: 'failed', file: { has_thumbnail: true } });
  });

  it.each([
    ['a text file named .pdf', 'notes.pdf', Buffer.from('just some words, not a PDF'), 415, /not a file Workmate can read.*PDF, JPEG, PNG, TIFF, WebP, HEIC/],
    ['XML that is no e-invoice', 'feed.xml', Buffer.from('<?xml version="1.0"?><rss><channel/></rss>'), 415, /Accepted:/],
    ['an HTML page', 'page.pdf', Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), 415, /Accepted:/],
    ['a zero-byte file', 'empty.pdf', Buffer.alloc(0), 400, /empty \(0 bytes\)/],
    ['a file over the size limit', 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(250_000, 32)]), 413, /larger than the limit of 200000 bytes/],
  ])('refuses %s with a 4xx naming the problem, and stores nothing', async (_name, filename, content, status, message) => {
    const response = await uploadFiles(testApp, anna, [{ filename, content }]);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(message);
    expect(await testApp.database.db.selectFrom('documents').select('id').execute()).toEqual([]);
  });

  it('refuses a whole upload when one of its files is refused', async () => {
    const response = await uploadFiles(testApp, anna, [{ filename: 'ok.xml', content: Buffer.from(ublInvoice(INVOICE)) }, { filename: 'bad.exe', content: Buffer.from('MZ\x90\x00') }]);
    expect(response.statusCode).toBe(415);
    expect(await testApp.database.db.selectFrom('files').select('id').execute()).toEqual([]);
  });

  it('refuses requests that are not a proper upload', async () => {
    const json = await testApp.app.inject({ method: 'POST', url: '/api/v1/documents', headers: anna.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(json.json<{ error: { message: string } }>().error.message).toMatch(/multipart\/form-data/);
    const none = await uploadFiles(testApp, anna, [], { title: 'nothing' });
    expect(none.json<{ error: { message: string } }>().error.message).toMatch(/at least one file/);
    const wrongType = await uploadFiles(testApp, anna, [{ filename: 'a.xml', content: Buffer.from(ublInvoice(INVOICE)) }], { type: 'love_letter' });
    expect(wrongType.statusCode).toBe(400);
    const stray = await uploadFiles(testApp, anna, [{ filename: 'a.xml', content: Buffer.from(ublInvoice(INVOICE)) }], { colour: 'blue' });
    expect(stray.json<{ error: { message: string } }>().error.message).toMatch(/Unexpected field "colour"/);
    const truncated = await testApp.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...anna.headers, 'content-type': 'multipart/form-data; boundary=xyz' }, payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4' });
    expect(truncated.statusCode).toBeGreaterThanOrEqual(400);
    expect(truncated.statusCode).toBeLessThan(500);
  });
});

describe('documents that cannot be read', () => {
  it.each([
    ['a password-protected PDF', 'locked.pdf', async () => encryptedPdf(), /password-protected/],
    ['a truncated PDF', 'cut.pdf', async () => (await textPdf([invoiceLetter(INVOICE)])).subarray(0, 300), /cannot be read/],
    ['a blank scan', 'scan.pdf', () => imageOnlyPdf(), /Nothing readable/],
    ['malformed e-invoice XML', 'bad.xml', async () => Buffer.from('<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><cbc:ID>1</Invoice>'), /./],
    ['XML with an external entity', 'xxe.xml', async () => Buffer.from('<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY x SYSTEM "file:///etc/passwd">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&x;</ID></Invoice>'), /DOCTYPE|entit/i],
    ['XML with entity expansion', 'lol.xml', async () => Buffer.from(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&lol2;</ID></Invoice>`), /DOCTYPE|entit/i],
  ])('%s ends as failed with a reason, and the server keeps serving', async (_name, filename, make, reason) => {
    const uploaded = await uploadOne(filename, await make());
    await runJobs();
    const document = await detail(uploaded.id);
    expect(document.processing_status).toBe('failed');
    expect(document.processing_error).toMatch(reason);
    expect(document.processing_error).not.toMatch(/root:/); // nothing of /etc/passwd
    const today = (await testApp.app.inject({ url: '/api/v1/today', headers: anna.headers })).json<{ failed_documents: { id: string }[] }>();
    expect(JSON.stringify(today)).toContain(uploaded.id);
    expect((await testApp.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const jobs = await testApp.database.db.selectFrom('jobs').select(['status']).where('name', '=', 'documents.process').execute();
    expect(jobs.map((job) => job.status)).toEqual(['succeeded']); // failed once, for good: never retried in a loop
  });

  it('gives a document that crashed its worker twice up for good', async () => {
    const uploaded = await uploadOne('a.xml', Buffer.from(ublInvoice(INVOICE)));
    // Two workers died while reading it: the status stayed `processing` and the attempts are used up.
    await testApp.database.db.updateTable('documents').set({ processing_status: 'processing' }).where('id', '=', uploaded.id).execute();
    await testApp.database.db.updateTable('jobs').set({ attempts: 2 }).where('name', '=', 'documents.process').execute();
    await runJobs();
    expect(await detail(uploaded.id)).toMatchObject({ processing_status: 'failed', processing_error: expect.stringMatching(/stopped the worker/) });
  });
});

describe('photos and scans', () => {
  it('reads a scanned invoice by OCR, with confidences that say so', async () => {
    const uploaded = await uploadOne('scan.pdf', await imageOnlyPdf([await scannedPage(invoiceLetter(INVOICE))]));
    await runJobs();
    const document = await detail(uploaded.id);
    expect(document).toMatchObject({ type: 'invoice', processing_status: 'done', metadata: { amount: '119.00', issue_date: '2026-11-02', invoice_number: 'R-2026-0815', payment_info: { iban: 'DE89370400440532013000' }, sources: ['ocr'] } });
    expect(document.metadata.fields.amount?.source).toBe('ocr');
    expect(document.metadata['ocr_pages']).toEqual([expect.objectContaining({ page: 1, confidence: expect.any(Number) })]);
    const file = await testApp.database.db.selectFrom('files').select(['ocr_language', 'extracted_text']).executeTakeFirstOrThrow();
    expect(file.ocr_language).toBe('deu+eng');
    expect(file.extracted_text).toMatch(/R-2026-0815/);
  });

  it('makes one document of several photos when asked to combine them', async () => {
    const first = await scannedPage(invoiceLetter(INVOICE).slice(0, 8));
    const second = await scannedPage(invoiceLetter(INVOICE).slice(8));
    const response = await uploadFiles(testApp, anna, [{ filename: 'seite1.png', content: first }, { filename: 'seite2.png', content: second }], { combine: 'true' });
    expect(response.statusCode, response.body).toBe(201);
    const [document] = response.json<{ documents: DocumentBody[] }>().documents;
    expect(response.json<{ documents: unknown[] }>().documents).toHaveLength(1);
    await runJobs();
    expect(await detail(document!.id)).toMatchObject({ processing_status: 'done', metadata: { page_count: 2, invoice_number: 'R-2026-0815', amount: '119.00' } });
    expect(await testApp.database.db.selectFrom('document_pages').select(['page_index']).orderBy('page_index').execute()).toEqual([{ page_index: 0 }, { page_index: 1 }]);

    const mixed = await uploadFiles(testApp, anna, [{ filename: 'a.png', content: first }, { filename: 'b.xml', content: Buffer.from(ublInvoice(INVOICE)) }], { combine: 'true' });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.body).toMatch(/Only photos and scanned images can be combined/);
  });
});

describe('a multi-page TIFF', () => {
  it('reads every page of it as one document', async () => {
    const first = await scannedPage(invoiceLetter(INVOICE).slice(0, 8));
    const second = await scannedPage(invoiceLetter(INVOICE).slice(8));
    const uploaded = await uploadOne('scan.tiff', await multiPageTiff([first, second]));
    await runJobs();
    const document = await detail(uploaded.id);
    expect(document).toMatchObject({ processing_status: 'done', metadata: { page_count: 2, invoice_number: 'R-2026-0815', amount: '119.00' } });
    expect((document.metadata['ocr_pages'] as unknown[]).length).toBe(2);
  });
});

describe('reading documents back', () => {
  it('serves the original and the thumbnail with safe headers, to its owner only', async () => {
    const pdf = await textPdf([invoiceLetter(INVOICE)], { attachXml: { filename: 'factur-x.xml', xml: ciiInvoice(INVOICE) } });
    const uploaded = await uploadOne('Rechnung März; 100%.pdf', pdf);
    const xml = await uploadOne('e-rechnung.xml', Buffer.from(ublInvoice(INVOICE)));
    await runJobs();

    const file = await testApp.app.inject({ url: `/api/v1/documents/${uploaded.id}/file`, headers: anna.headers });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff', 'content-security-policy': 'sandbox' });
    expect(file.headers['content-disposition']).toBe(`inline; filename="Rechnung Marz_ 100_.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz%3B%20100%25.pdf`);

    const thumbnail = await testApp.app.inject({ url: `/api/v1/documents/${uploaded.id}/thumbnail`, headers: anna.headers });
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    expect(thumbnail.rawPayload.subarray(8, 12).toString()).toBe('WEBP');

    const xmlFile = await testApp.app.inject({ url: `/api/v1/documents/${xml.id}/file`, headers: anna.headers });
    expect(xmlFile.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await testApp.app.inject({ url: `/api/v1/documents/${xml.id}/thumbnail`, headers: anna.headers })).statusCode).toBe(404);

    const ben = await signUp(testApp, 'ben');
    expect((await testApp.app.inject({ url: `/api/v1/documents/${uploaded.id}/file`, headers: ben.headers })).statusCode).toBe(404);
    expect((await testApp.app.inject({ url: `/api/v1/documents/${uploaded.id}/file` })).statusCode).toBe(401);
  });

  it('draws the pages of a PDF and of a combined photo upload as pictures, keeps them, and purges them with the document', async () => {
    const pdf = await textPdf([invoiceLetter(INVOICE), ['Allgemeine Geschäftsbedingungen', 'Seite 2']]);
    const uploaded = await uploadOne('rechnung.pdf', pdf);
    const photos = await uploadFiles(testApp, anna, [{ filename: 'seite1.jpg', content: await sampleJpeg(400, 560) }, { filename: 'seite2.jpg', content: await sampleJpeg(600, 840) }], { combine: 'true' });
    const combined = photos.json<{ documents: { id: string }[] }>().documents[0]!.id;
    const xml = await uploadOne('e-rechnung.xml', Buffer.from(ublInvoice({ ...INVOICE, number: 'R-9' })));
    await runJobs();
    const page = (id: string, number: string | number, who = anna) => testApp.app.inject({ url: `/api/v1/documents/${id}/pages/${number}`, headers: who.headers });

    for (const number of [1, 2]) {
      const picture = await page(uploaded.id, number);
      expect(picture.statusCode).toBe(200);
      expect(picture.headers).toMatchObject({ 'content-type': 'image/webp', 'x-content-type-options': 'nosniff', 'content-security-policy': 'sandbox' });
      // A4 at the preview width, upright.
      const { width, height } = await sharp(picture.rawPayload).metadata();
      expect(width).toBe(1000);
      expect(height! / width!).toBeCloseTo(842 / 595, 2);
    }
    const drawn = (await testApp.container.storage.list(`${anna.userId}/`)).filter((key) => key.includes('.page-'));
    expect(drawn).toHaveLength(2);
    // Asked again, the kept picture is served.
    expect((await page(uploaded.id, 1)).rawPayload.equals((await page(uploaded.id, 1)).rawPayload)).toBe(true);
    expect((await page(combined, 2)).statusCode).toBe(200);
    expect((await sharp((await page(combined, 2)).rawPayload).metadata()).width).toBe(600);

    for (const [id, number] of [[uploaded.id, 3], [combined, 3], [xml.id, 1]] as const) {
      const missing = await page(id, number);
      expect(missing.statusCode).toBe(404);
      expect(missing.json<{ error: { code: string } }>().error.code).toBe('documents.no_page');
    }
    expect((await page(uploaded.id, 0)).statusCode).toBe(400);
    expect((await page(uploaded.id, 'eins')).statusCode).toBe(400);
    expect((await page(uploaded.id, 1, await signUp(testApp, 'bert'))).statusCode).toBe(404);

    expect((await testApp.app.inject({ method: 'DELETE', url: `/api/v1/documents/${uploaded.id}`, headers: anna.headers })).statusCode).toBe(200);
    testApp.clock.advance(31 * 86_400_000);
    await runJobs();
    // The PDF's pictures went with it; the photo document's stays.
    const left = (await testApp.container.storage.list(`${anna.userId}/`)).filter((key) => key.includes('.page-'));
    expect(left.filter((key) => drawn.includes(key))).toEqual([]);
    expect(left).toHaveLength(1);
  });

  it('lists documents with filters and text search', async () => {
    const invoice = await uploadOne('invoice.xml', Buffer.from(ublInvoice(INVOICE)));
    const credit = await uploadOne('credit.xml', Buffer.from(ublInvoice({ ...INVOICE, number: 'G-7', seller: 'Versandhaus Nord' }, 'CreditNote')));
    const broken = await uploadOne('locked.pdf', encryptedPdf());
    await runJobs();
    const list = async (query: string) => (await testApp.app.inject({ url: `/api/v1/documents?${query}`, headers: anna.headers })).json<{ total: number; results: { id: string }[] }>();
    expect((await list('')).total).toBe(3);
    expect((await list('type=credit_note')).results.map((row) => row.id)).toEqual([credit.id]);
    expect((await list('status=failed')).results.map((row) => row.id)).toEqual([broken.id]);
    expect((await list('q=Versandhaus')).results.map((row) => row.id)).toEqual([credit.id]);
    expect((await list('needs_review=false&status=done')).results.map((row) => row.id).sort()).toEqual([invoice.id, credit.id].sort());
    expect((await list('uploaded_after=2030-01-01T00:00:00Z')).total).toBe(0);
    expect((await list('page_size=1&page=2')).results).toHaveLength(1);
    expect((await testApp.app.inject({ url: '/api/v1/documents?status=lost', headers: anna.headers })).statusCode).toBe(400);
  });
});

describe('corrections, reprocessing and deletion', () => {
  it('stores corrections as the user\'s, announces them to tasks, and keeps them when reprocessing', async () => {
    const uploaded = await uploadOne('invoice.xml', Buffer.from(ublInvoice(INVOICE)));
    await runJobs();
    const patched = await testApp.app.inject({
      method: 'PATCH', url: `/api/v1/documents/${uploaded.id}`, headers: anna.headers,
      payload: { metadata: { amount_due: '99.50', sender: { name: 'Stadtwerke' } }, confirm: ['invoice_number'] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const corrected = patched.json<DocumentBody>();
    expect(corrected.metadata).toMatchObject({ amount_due: '99.50', sender: { name: 'Stadtwerke' } });
    expect(corrected.metadata.fields['amount_due']).toEqual({ source: 'user', confidence: 1 });
    expect(corrected.metadata.fields['invoice_number']).toMatchObject({ source: 'einvoice', confirmed: true });
    await runJobs();
    expect((await detail(uploaded.id)).tasks).toEqual([expect.objectContaining({ title: 'Stadtwerke bezahlen: 99,50 €' })]);

    const reprocess = await testApp.app.inject({ method: 'POST', url: `/api/v1/documents/${uploaded.id}/reprocess`, headers: anna.headers });
    expect(reprocess.statusCode).toBe(202);
    expect(reprocess.json<DocumentBody>().processing_status).toBe('pending');
    await runJobs();
    const again = await detail(uploaded.id);
    expect(again).toMatchObject({ processing_status: 'done', metadata: { amount_due: '99.50', amount: '119.00', sender: { name: 'Stadtwerke' } } });
    expect(again.metadata.fields['amount_due']?.source).toBe('user');
  });

  it.each([
    [{ metadata: { amount: 'lots' } }, /amount/],
    [{ metadata: { due_date: '02.12.2026' } }, /due_date/],
    [{ confirm: ['no_such_field'] }, /no_such_field/],
    [{}, /./],
  ])('refuses the correction %j with a 400', async (payload, message) => {
    const uploaded = await uploadOne('invoice.xml', Buffer.from(ublInvoice(INVOICE)));
    await runJobs();
    const response = await testApp.app.inject({ method: 'PATCH', url: `/api/v1/documents/${uploaded.id}`, headers: anna.headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(message);
    expect((await detail(uploaded.id)).metadata).toMatchObject({ amount: '119.00', due_date: '2026-12-02' });
  });

  it('soft-deletes, keeps or cancels the open tasks as asked, and purges the files after the retention period', async () => {
    const keep = await uploadOne('a.xml', Buffer.from(ublInvoice(INVOICE)));
    const cancel = await uploadOne('b.xml', Buffer.from(ublInvoice({ ...INVOICE, number: 'R-2' })));
    await runJobs();
    expect((await testApp.app.inject({ method: 'DELETE', url: `/api/v1/documents/${keep.id}`, headers: anna.headers })).json()).toEqual({ cancelled_tasks: 0 });
    expect((await testApp.app.inject({ method: 'DELETE', url: `/api/v1/documents/${cancel.id}?cancel_tasks=true`, headers: anna.headers })).json()).toEqual({ cancelled_tasks: 1 });
    expect((await get(keep.id)).statusCode).toBe(404);
    const tasks = await testApp.database.db.selectFrom('tasks').select(['document_id', 'status']).orderBy('title').execute();
    expect(tasks.map((task) => task.status).sort()).toEqual(['cancelled', 'open']);

    const files = await testApp.container.storage.list(`${anna.userId}/`);
    expect(files).toHaveLength(2);
    testApp.clock.advance(31 * 86_400_000);
    await runJobs();
    expect(await testApp.container.storage.list(`${anna.userId}/`)).toEqual([]);
    expect(await testApp.database.db.selectFrom('documents').select('id').execute()).toEqual([]);
    expect((await testApp.database.db.selectFrom('tasks').select('document_id').execute()).map((task) => task.document_id)).toEqual([null, null]);
  });
});
