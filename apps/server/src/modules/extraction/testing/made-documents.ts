/**
 * Small documents the tests make themselves: born-digital PDFs with a text layer, a hybrid
 * e-invoice PDF (XML attached like ZUGFeRD/Factur-X), a scan without text, a password-protected
 * PDF, and minimal UBL and CII e-invoices. The real development set lives in ../shared/fixtures.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { renderPage } from '../pdf/render.models.ts';

/** A PDF whose pages hold these lines of text (Helvetica, WinAnsi: umlauts and € work). */
export async function textPdf(pages: readonly (readonly string[])[], options: { attachXml?: { filename: string; xml: string } } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, index) => page.drawText(line, { x: 56, y: 790 - index * 16, size: 11, font }));
  }
  if (options.attachXml) {
    await pdf.attach(Buffer.from(options.attachXml.xml, 'utf8'), options.attachXml.filename, { mimeType: 'text/xml', description: 'e-invoice' });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A "scan": pages that are only pictures, no text layer (blank ones unless images are given). */
export async function imageOnlyPdf(pages?: readonly Buffer[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const png of pages ?? [await samplePng()]) {
    const image = await pdf.embedPng(png);
    const page = pdf.addPage([595, 842]);
    page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return Buffer.from(await pdf.save());
}

/** A page of printed lines as a grayscale picture, as a flatbed scanner at `dpi` delivers it. */
export async function scannedPage(lines: readonly string[], dpi = 200): Promise<Buffer> {
  const pdf = await textPdf([lines]);
  const png = await renderPage(pdf, 1, { dpi, maxPixels: 100_000_000 });
  return sharp(png).flatten({ background: '#ffffff' }).grayscale().png().withMetadata({ density: dpi }).toBuffer();
}

/** Several scanned pages in one multi-page TIFF, as a document scanner saves them. */
export async function multiPageTiff(pages: readonly Buffer[], dpi = 200): Promise<Buffer> {
  return sharp([...pages], { join: { animated: true } }).grayscale().tiff({ compression: 'lzw' }).withMetadata({ density: dpi }).toBuffer();
}

export async function samplePng(width = 400, height = 560): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 240, g: 240, b: 235 } } }).png().toBuffer();
}

export async function sampleJpeg(width = 400, height = 560): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 250, g: 250, b: 250 } } }).jpeg().toBuffer();
}

/** A PDF whose text needs a user password (standard security handler, RC4, unknown password). */
export function encryptedPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 8 >>\nstream\n12345678\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export interface InvoiceValues {
  number: string;
  issueDate: string;
  dueDate?: string;
  seller: string;
  buyer: string;
  net: string;
  tax: string;
  gross: string;
  due?: string;
  iban?: string;
  currency?: string;
}

const compact = (day: string) => day.replace(/-/g, '');

/** A minimal UN/CEFACT CII (EN 16931) invoice. */
export function ciiInvoice(values: InvoiceValues): string {
  const currency = values.currency ?? 'EUR';
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>${values.number}</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">${compact(values.issueDate)}</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>${values.seller}</ram:Name><ram:PostalTradeAddress><ram:PostcodeCode>10115</ram:PostcodeCode><ram:LineOne>Hauptstraße 1</ram:LineOne><ram:CityName>Berlin</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>${values.buyer}</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>${currency}</ram:InvoiceCurrencyCode>
      ${values.iban ? `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>${values.iban}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>` : ''}
      ${values.dueDate ? `<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">${compact(values.dueDate)}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>` : ''}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>${values.net}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>${values.net}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="${currency}">${values.tax}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>${values.gross}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>${values.due ?? values.gross}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}

/** A minimal UBL 2.1 invoice (or credit note). */
export function ublInvoice(values: InvoiceValues, kind: 'Invoice' | 'CreditNote' = 'Invoice'): string {
  const currency = values.currency ?? 'EUR';
  return `<?xml version="1.0" encoding="UTF-8"?>
<${kind} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${kind}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>${values.number}</cbc:ID>
  <cbc:IssueDate>${values.issueDate}</cbc:IssueDate>
  ${values.dueDate && kind === 'Invoice' ? `<cbc:DueDate>${values.dueDate}</cbc:DueDate>` : ''}
  <cbc:${kind}TypeCode>${kind === 'Invoice' ? 380 : 381}</cbc:${kind}TypeCode>
  <cbc:DocumentCurrencyCode>${currency}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>${values.seller}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>${values.buyer}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  ${values.iban ? `<cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>${values.iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>` : ''}
  <cac:TaxTotal><cbc:TaxAmount currencyID="${currency}">${values.tax}</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${currency}">${values.net}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="${currency}">${values.net}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="${currency}">${values.gross}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="${currency}">${values.due ?? values.gross}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</${kind}>`;
}

/** A German invoice letter as its printed lines (for the text path). */
export function invoiceLetter(values: InvoiceValues): string[] {
  return [
    `${values.seller} · Hauptstraße 1 · 10115 Berlin`,
    values.buyer,
    'Musterweg 5',
    '80331 München',
    '',
    `Rechnung Nr. ${values.number}`,
    `Rechnungsdatum: ${values.issueDate.split('-').reverse().join('.')}`,
    '',
    `Nettobetrag: ${values.net.replace('.', ',')} €`,
    `MwSt. 19 %: ${values.tax.replace('.', ',')} €`,
    `Gesamtbetrag: ${values.gross.replace('.', ',')} €`,
    values.dueDate ? `Zahlbar bis ${values.dueDate.split('-').reverse().join('.')}` : 'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
    ...(values.iban ? [`IBAN: ${values.iban}`] : []),
    '',
    `${values.seller} · Geschäftsführer: Erika Muster · USt-IdNr.: DE123456789`,
  ];
}
