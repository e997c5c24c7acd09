/** Seeding helpers for the Today and Focus component tests (tasks, a bill from an e-invoice). */
import { unwrap } from '../../shared/api/client.ts';
import type { TestUser } from '../../shared/testing/render.tsx';

export async function createTask(user: TestUser, body: { title: string; due_date?: string; amount?: string; tags?: string[] }) {
  return unwrap(user.api.POST('/api/v1/tasks', { body }));
}

/** A minimal UBL 2.1 invoice (XRechnung shape) with bank details and a due date. */
export function ublInvoice(values: { number: string; seller: string; dueDate: string; amount: string; iban: string; reference?: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
  <cbc:ID>${values.number}</cbc:ID>
  <cbc:IssueDate>2026-11-20</cbc:IssueDate>
  <cbc:DueDate>${values.dueDate}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>${values.seller}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Erika Mustermann</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
    <cbc:PaymentDueDate>${values.dueDate}</cbc:PaymentDueDate>
    ${values.reference ? `<cbc:PaymentID>${values.reference}</cbc:PaymentID>` : ''}
    <cac:PayeeFinancialAccount><cbc:ID>${values.iban}</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">0.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">${values.amount}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">${values.amount}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">${values.amount}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">${values.amount}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>`;
}

/**
 * Uploads an XML invoice (multipart built by hand: jsdom's FormData does not travel through
 * Node's fetch), waits until the job worker has read it, and returns the document with its tasks.
 */
export async function uploadInvoice(user: TestUser, xml: string, filename = 'rechnung.xml') {
  const boundary = `----workmate-test-${Math.random().toString(36).slice(2)}`;
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--${boundary}--\r\n`;
  const response = await fetch(`${user.baseUrl}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  const { documents } = (await response.json()) as { documents: { id: string }[] };
  const id = documents[0]?.id;
  if (!id) throw new Error('upload returned no document');
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const document = await unwrap(user.api.GET('/api/v1/documents/{id}', { params: { path: { id } } }));
    if (document.processing_status === 'done' || document.processing_status === 'failed') return document;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the document was not processed in time');
}
