/**
 * E-invoice entry points: sniff an XML file's syntax, parse it into facts, and find the invoice
 * XML inside a hybrid PDF's attachments. Pure: no I/O, no clock.
 */
import { CII_D16B, readCii, ZUGFERD_1 } from './cii.models.ts';
import { EInvoiceError } from './einvoice.errors.ts';
import type { EInvoiceExtraction, EInvoiceSyntax, EInvoiceSyntaxHint } from './einvoice.types.ts';
import { toExtraction } from './facts.models.ts';
import { readUbl } from './ubl.models.ts';
import { parseXmlDocument, readRootElement, type RootElement } from './xml.models.ts';

export { EInvoiceError, type EInvoiceErrorReason } from './einvoice.errors.ts';
export type { EInvoiceExtraction, EInvoiceSyntax, EInvoiceSyntaxHint } from './einvoice.types.ts';

interface KnownRoot {
  localName: string;
  namespace: string;
  hint: EInvoiceSyntaxHint;
  syntax: EInvoiceSyntax;
}

/** Root element and namespace identify the syntax; prefixes are irrelevant. */
const KNOWN_ROOTS: readonly KnownRoot[] = [
  { localName: 'Invoice', namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2', hint: 'ubl', syntax: 'UBL' },
  { localName: 'CreditNote', namespace: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2', hint: 'ubl', syntax: 'UBL' },
  { localName: 'CrossIndustryInvoice', namespace: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100', hint: 'cii', syntax: 'CII' },
  { localName: 'CrossIndustryDocument', namespace: 'urn:ferd:CrossIndustryDocument:invoice:1p0', hint: 'zugferd1', syntax: 'CII-ZUGFeRD1' },
  // The ZUGFeRD 1.0 release candidate (2013/14): same structure as 1.0, different root.
  { localName: 'Invoice', namespace: 'urn:un:unece:uncefact:data:standard:CBFBUY:5', hint: 'zugferd1', syntax: 'CII-ZUGFeRD-RC' },
];

function knownRoot(root: RootElement | null): KnownRoot | undefined {
  if (!root) return undefined;
  return KNOWN_ROOTS.find((known) => known.localName === root.localName && known.namespace === root.namespace);
}

/**
 * Cheap syntax check for upload sniffing: reads only the prolog and the root start tag, so it is
 * safe to call on any file. A document with a DOCTYPE can still be recognised here; parsing it
 * will then refuse it with a clear reason.
 */
export function detectEInvoiceSyntax(xml: string): EInvoiceSyntaxHint | null {
  return knownRoot(readRootElement(xml))?.hint ?? null;
}

/**
 * Parses a UBL, CII or ZUGFeRD 1 e-invoice. Throws EInvoiceError: `doctype_refused` for any DTD
 * (checked before parsing), `malformed` for XML that is not well-formed, `not_einvoice` for
 * well-formed XML with another root.
 */
export function parseEInvoice(xml: string): EInvoiceExtraction {
  const { root, rootInfo } = parseXmlDocument(xml);
  const known = knownRoot(rootInfo);
  if (!known) {
    const name = rootInfo.prefix ? `${rootInfo.prefix}:${rootInfo.localName}` : rootInfo.localName;
    throw new EInvoiceError('not_einvoice', `The XML document is not an e-invoice: its root element <${name}>${rootInfo.namespace ? ` in namespace ${rootInfo.namespace}` : ''} is not a UBL Invoice or CreditNote, a CII CrossIndustryInvoice or a ZUGFeRD 1 CrossIndustryDocument.`);
  }
  const reading = known.hint === 'ubl' ? readUbl(root) : readCii(root, known.hint === 'cii' ? CII_D16B : ZUGFERD_1);
  return toExtraction(reading, known.syntax, root.name);
}

/**
 * The file names the hybrid standards prescribe for the embedded XML: Factur-X / ZUGFeRD 2.1+
 * `factur-x.xml`, ZUGFeRD 2.0 `zugferd-invoice.xml`, ZUGFeRD 1 `ZUGFeRD-invoice.xml`, XRechnung in
 * a ZUGFeRD PDF `xrechnung.xml`.
 */
const STANDARD_NAMES = new Set(['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml']);

/**
 * Picks the e-invoice XML among a PDF's embedded files: a standard file name first, else any
 * `.xml` attachment whose root is an e-invoice root (some writers use their own names).
 */
export function findEInvoiceAttachment(attachments: { filename: string; content: Uint8Array }[]): { filename: string; xml: string } | null {
  const xmlFiles = attachments.filter((attachment) => attachment.filename.toLowerCase().endsWith('.xml'));
  const standard = xmlFiles.find((attachment) => STANDARD_NAMES.has(baseName(attachment.filename).toLowerCase()));
  if (standard) return { filename: standard.filename, xml: decodeUtf8(standard.content) };
  for (const attachment of xmlFiles) {
    const xml = decodeUtf8(attachment.content);
    if (detectEInvoiceSyntax(xml) !== null) return { filename: attachment.filename, xml };
  }
  return null;
}

function baseName(filename: string): string {
  return filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
}

const utf8 = new TextDecoder('utf-8');

/** TextDecoder drops a leading BOM by default; invalid bytes become U+FFFD rather than throwing. */
function decodeUtf8(content: Uint8Array): string {
  return utf8.decode(content);
}
