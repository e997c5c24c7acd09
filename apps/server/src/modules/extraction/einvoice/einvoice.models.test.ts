import { describe, expect, it } from 'vitest';
import { detectEInvoiceSyntax, EInvoiceError, findEInvoiceAttachment, parseEInvoice } from './einvoice.models.ts';

const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const CII_MINIMAL = `<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}" xmlns:ram="urn:ram"><rsm:ExchangedDocument><ram:ID>A-1</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>`;

function refusal(xml: string): { error: EInvoiceError; ms: number } {
  const started = performance.now();
  try {
    parseEInvoice(xml);
  } catch (error) {
    if (error instanceof EInvoiceError) return { error, ms: performance.now() - started };
    throw error;
  }
  throw new Error('expected an EInvoiceError');
}

describe('detectEInvoiceSyntax', () => {
  it.each([
    [`<ubl:Invoice xmlns:ubl="${UBL_INVOICE_NS}"/>`, 'ubl'],
    [`<Invoice xmlns="${UBL_INVOICE_NS}"/>`, 'ubl'],
    ['<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/>', 'ubl'],
    [`<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}">`, 'cii'],
    [`<x:CrossIndustryInvoice xmlns:x='${CII_NS}'>`, 'cii'],
    ['<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0">', 'zugferd1'],
    ['<rsm:Invoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CBFBUY:5">', 'zugferd1'],
  ])('recognises %s', (xml, expected) => {
    expect(detectEInvoiceSyntax(xml)).toBe(expected);
  });

  it('looks past a BOM, the declaration, comments and processing instructions', () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- licence text <Invoice> -->\n<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n${CII_MINIMAL}`;
    expect(detectEInvoiceSyntax(xml)).toBe('cii');
  });

  it.each([
    ['', 'empty'],
    ['<html><body>Rechnung</body></html>', 'HTML'],
    ['<Invoice xmlns="urn:example:invoice"/>', 'an Invoice root in another namespace'],
    [`<ubl:Invoice xmlns:cbc="${UBL_INVOICE_NS}"/>`, 'a prefix bound to nothing'],
    [`<Invoice xmlns:ubl="${UBL_INVOICE_NS}"/>`, 'a default namespace that is not declared'],
    [`<Wrapper xmlns:rsm="${CII_NS}">${CII_MINIMAL}</Wrapper>`, 'an e-invoice below the root'],
    ['%PDF-1.7 <rsm:CrossIndustryInvoice>', 'a PDF'],
  ])('returns null for %j (%s)', (xml) => {
    expect(detectEInvoiceSyntax(xml)).toBeNull();
  });

  it('is fast on a large document because it only reads the root start tag', () => {
    const big = `${CII_MINIMAL.slice(0, -'</rsm:CrossIndustryInvoice>'.length)}${'<ram:Note>x</ram:Note>'.repeat(200_000)}</rsm:CrossIndustryInvoice>`;
    const started = performance.now();
    for (let i = 0; i < 100; i += 1) expect(detectEInvoiceSyntax(big)).toBe('cii');
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('parseEInvoice refusals', () => {
  it('refuses XML that is not well-formed', () => {
    const { error } = refusal(`<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NS}"><rsm:ExchangedDocument></rsm:CrossIndustryInvoice>`);
    expect(error.reason).toBe('malformed');
    expect(error.code).toBe('einvoice.malformed');
    expect(error.message).toMatch(/not well-formed/);
  });

  it('refuses a DOCTYPE with an external entity without resolving it', () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Invoice xmlns="${UBL_INVOICE_NS}" xmlns:cbc="urn:cbc"><cbc:ID>&xxe;</cbc:ID></Invoice>`;
    const { error, ms } = refusal(xml);
    expect(error.reason).toBe('doctype_refused');
    expect(error.message).toMatch(/DOCTYPE/);
    expect(ms).toBeLessThan(50);
  });

  it('refuses billion-laughs entity expansion before any expansion happens', () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<Invoice xmlns="${UBL_INVOICE_NS}">&lol9;</Invoice>`;
    const { error, ms } = refusal(xml);
    expect(error.reason).toBe('doctype_refused');
    expect(ms).toBeLessThan(50);
  });

  it('refuses well-formed XML that is not an e-invoice, naming its root', () => {
    const { error } = refusal('<html><body><p>Rechnung 2026-001</p></body></html>');
    expect(error.reason).toBe('not_einvoice');
    expect(error.message).toMatch(/<html>/);
  });

  it('refuses an Invoice root outside the UBL namespace', () => {
    expect(refusal('<Invoice xmlns="urn:example"><ID>1</ID></Invoice>').error.reason).toBe('not_einvoice');
  });

  it.each(['', '   ', '\uFEFF'])('refuses empty input %j as malformed', (xml) => {
    const { error, ms } = refusal(xml);
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/empty/);
    expect(ms).toBeLessThan(50);
  });
});

describe('findEInvoiceAttachment', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('picks the standard file name, case-insensitively, over other XML files', () => {
    const found = findEInvoiceAttachment([
      { filename: 'additional_data.xml', content: encode('<Data/>') },
      { filename: 'Aufmass.png', content: new Uint8Array([0x89, 0x50]) },
      { filename: 'FACTUR-X.XML', content: encode(CII_MINIMAL) },
    ]);
    expect(found).toEqual({ filename: 'FACTUR-X.XML', xml: CII_MINIMAL });
  });

  it.each(['zugferd-invoice.xml', 'ZUGFeRD-invoice.xml', 'xrechnung.xml', 'factur-x.xml'])('knows %s', (filename) => {
    expect(findEInvoiceAttachment([{ filename, content: encode(CII_MINIMAL) }])?.filename).toBe(filename);
  });

  it('falls back to any XML attachment with an e-invoice root, and strips a BOM', () => {
    const found = findEInvoiceAttachment([
      { filename: 'logistics.xml', content: encode('<Shipment xmlns="urn:example"/>') },
      { filename: 'Rechnung_4711.xml', content: new Uint8Array([0xef, 0xbb, 0xbf, ...encode(CII_MINIMAL)]) },
    ]);
    expect(found).toEqual({ filename: 'Rechnung_4711.xml', xml: CII_MINIMAL });
  });

  it('returns null when no attachment is an e-invoice', () => {
    expect(findEInvoiceAttachment([])).toBeNull();
    expect(findEInvoiceAttachment([{ filename: 'notes.xml', content: encode('<notes/>') }, { filename: 'invoice.pdf', content: encode('%PDF') }])).toBeNull();
  });
});
