/// <reference types="vitest/jsdom" />
/**
 * Test helpers for uploads (component tests only): documents made in the test (a UBL e-invoice, a
 * PDF with a text layer), the jsdom page made same-origin with the test server (its XHR would
 * otherwise ask for CORS, which the server does not offer: the app is served from the same
 * origin), and an upload that waits until the server has read the document.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { unwrap } from '../../shared/api/client.ts';
import type { TestUser } from '../../shared/testing/render.tsx';
import type { DocumentDetail } from '../review/facts.ts';
import { uploadDocument } from './upload.ts';

/** jsdom's XHR compares against the window's origin, which `reconfigure` alone does not move. */
export function sameOriginAs(baseUrl: string): void {
  jsdom.reconfigure({ url: `${baseUrl}/` });
  (jsdom.window as unknown as { _origin: string })._origin = new URL(baseUrl).origin;
}

export interface UblValues {
  number?: string;
  issueDate?: string;
  dueDate?: string;
  seller?: string;
  iban?: string;
  payable?: string;
}

/** A minimal UBL 2.1 invoice (root Invoice, the fields the server's UBL reader maps). */
export function ublInvoice(values: UblValues = {}): string {
  const { number = 'R-2026-0815', issueDate = '2026-11-20', dueDate = '2026-12-05', seller = 'Stadtwerke Musterstadt', iban = 'DE89370400440532013000', payable = '119.00' } = values;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>${number}</cbc:ID>
  <cbc:IssueDate>${issueDate}</cbc:IssueDate>
  <cbc:DueDate>${dueDate}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>${seller}</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>${iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">${payable}</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>`;
}

export function ublFile(values: UblValues = {}, name = 'rechnung.xml'): File {
  return new File([ublInvoice(values)], name, { type: 'application/xml' });
}

/** A one-page PDF with these lines in its text layer (Helvetica; umlauts and € work). */
export async function textPdfFile(lines: readonly string[], name = 'brief.pdf'): Promise<File> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  lines.forEach((line, index) => page.drawText(line, { x: 56, y: 790 - index * 16, size: 11, font }));
  const bytes = await pdf.save();
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

/** A German invoice letter; its facts come from the text layer (not all of them sure). */
export function invoiceLetterLines(values: { number?: string; iban?: string } = {}): string[] {
  return [
    'Stadtwerke Muster GmbH · Hauptstraße 1 · 10115 Berlin',
    'Erika Mustermann',
    'Musterweg 5',
    '80331 München',
    '',
    `Rechnung Nr. ${values.number ?? '4711'}`,
    'Rechnungsdatum: 20.11.2026',
    '',
    'Gesamtbetrag: 59,90 €',
    'Zahlbar bis 05.12.2026',
    `IBAN: ${values.iban ?? 'DE89 3704 0044 0532 0130 00'}`,
  ];
}

/** Uploads a file as the test user and waits until the server has read it. */
export async function uploadAndRead(user: TestUser, file: File): Promise<DocumentDetail> {
  const answer = await uploadDocument(file, { baseUrl: user.baseUrl, bearer: user.accessToken });
  const id = answer.documents[0]!.id;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const document = await unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
    if (document.processing_status === 'done' || document.processing_status === 'failed') return document;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`document ${id} was not read in time`);
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
