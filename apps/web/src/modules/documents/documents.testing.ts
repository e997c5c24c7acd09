/**
 * Test helpers: documents uploaded to the test server as a small UBL e-invoice (read in
 * milliseconds, no OCR), waited on until the job worker has read them.
 */
import { unwrap } from '../../shared/api/client.ts';
import type { TestUser } from '../../shared/testing/render.tsx';
import type { DocumentDetail } from './documents.models.ts';

const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

/** A VALID IBAN passes the check digits; any other makes the document "please check". */
export const VALID_IBAN = 'DE02120300000000202051';
export const INVALID_IBAN = 'DE00120300000000202051';

export function ublInvoice(options: { number: string; sender?: string; amount?: string; due?: string; iban?: string; typeCode?: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="${CAC}" xmlns:cbc="${CBC}">
  <cbc:ID>${options.number}</cbc:ID>
  <cbc:IssueDate>2026-11-20</cbc:IssueDate>
  <cbc:DueDate>${options.due ?? '2026-12-09'}</cbc:DueDate>
  <cbc:InvoiceTypeCode>${options.typeCode ?? '380'}</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>${options.sender ?? 'Stadtwerke Musterstadt'}</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>${options.iban ?? VALID_IBAN}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">${options.amount ?? '89.99'}</cbc:PayableAmount></cac:LegalMonetaryTotal>
</Invoice>`;
}

/** A small grey PNG (8 × 8 pixels). */
export const SMALL_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAD0lEQVQImWM4gQMwDC0JAJwulgEjFoYiAAAAAElFTkSuQmCC'),
  (char) => char.charCodeAt(0),
);

/**
 * Uploads one file (multipart built by hand: jsdom's FormData and Node's fetch do not mix) and
 * waits until the server has read it (unless `wait: false`).
 */
export async function uploadDocument(user: TestUser, file: { name: string; content: string | Uint8Array; mime?: string; title?: string }, options: { wait?: boolean } = {}): Promise<DocumentDetail> {
  const boundary = `----workmate${Math.random().toString(36).slice(2)}`;
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [
    encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.mime ?? 'application/xml'}\r\n\r\n`),
    typeof file.content === 'string' ? encoder.encode(file.content) : file.content,
    encoder.encode('\r\n'),
    ...(file.title ? [encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${file.title}\r\n`)] : []),
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

export async function waitUntilRead(user: TestUser, id: string, timeoutMs = 15_000): Promise<DocumentDetail> {
  const started = performance.now();
  for (;;) {
    const document = await unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
    if (document.processing_status === 'done' || document.processing_status === 'failed') return document;
    if (performance.now() - started > timeoutMs) throw new Error(`document ${id} still ${document.processing_status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
