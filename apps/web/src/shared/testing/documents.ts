/**
 * Documents for component tests: a small UBL e-invoice (read in milliseconds, no OCR), a PDF with a
 * text layer, and an upload as the test user that waits until the server's job worker has read it.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.gen.ts';
import type { TestUser } from './render.tsx';

export type UploadedDocument = paths['/api/v1/documents/{id}']['get']['responses'][200]['content']['application/json'];

/** Passes the IBAN check digits; INVALID_IBAN does not, which makes a document "please check". */
export const VALID_IBAN = 'DE89370400440532013000';
export const INVALID_IBAN = 'DE00120300000000202051';

export interface InvoiceValues {
  number?: string;
  issueDate?: string;
  dueDate?: string;
  seller?: string;
  iban?: string;
  /** Gross and payable amount, a decimal string. */
  amount?: string;
  reference?: string;
  /** 380 invoice, 381 credit note. */
  typeCode?: string;
}

/** A minimal UBL 2.1 invoice (XRechnung shape) with the fields the server's UBL reader maps. */
export function ublInvoice(values: InvoiceValues = {}): string {
  const { number = 'R-2026-0815', issueDate = '2026-11-20', dueDate = '2026-12-05', seller = 'Stadtwerke Musterstadt', iban = VALID_IBAN, amount = '119.00', typeCode = '380' } = values;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
  <cbc:ID>${number}</cbc:ID>
  <cbc:IssueDate>${issueDate}</cbc:IssueDate>
  <cbc:DueDate>${dueDate}</cbc:DueDate>
  <cbc:InvoiceTypeCode>${typeCode}</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>${seller}</cbc:Name></cac:PartyName><cac:PartyLegalEntity><cbc:RegistrationName>${seller}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Erika Mustermann</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
    <cbc:PaymentDueDate>${dueDate}</cbc:PaymentDueDate>
    ${values.reference ? `<cbc:PaymentID>${values.reference}</cbc:PaymentID>` : ''}
    <cac:PayeeFinancialAccount><cbc:ID>${iban}</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">${amount}</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>`;
}

export function ublFile(values: InvoiceValues = {}, name = 'rechnung.xml'): File {
  return new File([ublInvoice(values)], name, { type: 'application/xml' });
}

/** A one-page PDF with these lines in its text layer (Helvetica; umlauts and € work). */
export async function textPdfFile(lines: readonly string[], name = 'brief.pdf', morePages: readonly (readonly string[])[] = []): Promise<File> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const pageLines of [lines, ...morePages]) {
    const page = pdf.addPage([595, 842]);
    pageLines.forEach((line, index) => page.drawText(line, { x: 56, y: 790 - index * 16, size: 11, font }));
  }
  const bytes = await pdf.save();
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

/** A small grey PNG (8 × 8 pixels). */
export const SMALL_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAD0lEQVQImWM4gQMwDC0JAJwulgEjFoYiAAAAAElFTkSuQmCC'),
  (char) => char.charCodeAt(0),
);

/**
 * Uploads one file as the test user (multipart built by hand: jsdom's FormData and Node's fetch do
 * not mix) and waits until the server has read it, unless `wait: false`.
 */
export async function uploadDocument(
  user: TestUser,
  file: File | { name: string; content: string | Uint8Array; mime?: string; title?: string },
  options: { wait?: boolean } = {},
): Promise<UploadedDocument> {
  const { name, content, mime, title } =
    file instanceof File ? { name: file.name, content: await bytesOf(file), mime: file.type || undefined, title: undefined } : file;
  const boundary = `----workmate${Math.random().toString(36).slice(2)}`;
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [
    encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime ?? 'application/xml'}\r\n\r\n`),
    typeof content === 'string' ? encoder.encode(content) : content,
    encoder.encode('\r\n'),
    ...(title ? [encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n`)] : []),
    encoder.encode(`--${boundary}--\r\n`),
  ];
  const body = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  const response = await fetch(`${user.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  const { documents } = (await response.json()) as { documents: { id: string }[] };
  const id = documents[0]?.id;
  if (!id) throw new Error('upload answered no document');
  if (options.wait === false) return unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
  return waitUntilRead(user, id);
}

/** jsdom's File has no arrayBuffer(); its FileReader does the same. */
function bytesOf(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsArrayBuffer(file);
  });
}

export async function waitUntilRead(user: TestUser, id: string, timeoutMs = 20_000): Promise<UploadedDocument> {
  const started = performance.now();
  for (;;) {
    const document = await unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
    if (document.processing_status === 'done' || document.processing_status === 'failed') return document;
    if (performance.now() - started > timeoutMs) throw new Error(`document ${id} still ${document.processing_status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until a condition on the server holds (e.g. the task made from a document exists). */
export async function eventually<T>(probe: () => Promise<T | undefined>, attempts = 80): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition did not hold in time');
}
