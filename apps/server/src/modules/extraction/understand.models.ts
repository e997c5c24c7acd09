/**
 * The understanding cascade for one stored file, most exact source first: an e-invoice XML
 * (standalone, or embedded in a ZUGFeRD/Factur-X PDF) is the truth for every field it has; the PDF
 * text layer fills what the XML does not say. (Payment QR codes, OCR and an optional LLM join the
 * cascade in later issues.) Validation then raises or lowers each field's confidence.
 */
import type { DocumentType } from '../../db/schema.ts';
import { EInvoiceError, findEInvoiceAttachment, parseEInvoice } from './einvoice/einvoice.models.ts';
import type { DocumentFacts, FieldMap, SourceExtraction, ValidationCheck } from './extraction.types.ts';
import { mergeSources } from './merge.models.ts';
import { PdfReadError, readPdf } from './pdf/pdf.models.ts';
import { extractFromText } from './text/text.models.ts';
import { validateFacts } from './validation/validation.models.ts';

export type UnreadableReason = 'encrypted' | 'damaged' | 'no_text' | 'too_many_pages' | 'xml_malformed' | 'xml_refused' | 'not_einvoice' | 'needs_ocr' | 'timeout' | 'crashed';

/** The document cannot be understood, for a reason the user can act on; retrying will not help. */
export class UnreadableDocumentError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableDocumentError';
  }
}

export interface Understanding {
  type: DocumentType;
  typeConfidence: number;
  typeReason: string;
  facts: DocumentFacts;
  fields: FieldMap;
  checks: ValidationCheck[];
  needsReview: boolean;
  /** Overall confidence 0..1 (`documents.confidence_score`). */
  confidence: number;
  /** All readable text, pages separated by form feeds; null for a standalone XML. */
  text: string | null;
  pageCount: number;
  /** Pages without a text layer, left for OCR. */
  pagesNeedingOcr: number[];
  /** Where the facts came from, e.g. ["einvoice:factur-x.xml", "text"]. */
  sources: string[];
  einvoice?: { syntax: string; profile?: string; typeCode?: string };
}

export interface UnderstandOptions {
  maxPages: number;
}

export async function understandFile(bytes: Uint8Array, mime: string, options: UnderstandOptions): Promise<Understanding> {
  if (mime === 'application/xml') return fromXml(decodeXml(bytes), 'einvoice');
  if (mime === 'application/pdf') return fromPdf(bytes, options);
  throw new UnreadableDocumentError('needs_ocr', 'This is an image; reading photos and scans (OCR) is not available yet.');
}

function fromXml(xml: string, label: string, text: { text: string; pageCount: number; pagesNeedingOcr: number[] } | null = null): Understanding {
  const einvoice = parseXml(xml);
  const sources: SourceExtraction[] = [einvoice];
  if (text && text.text.trim() !== '') sources.push(extractFromText(text.text));
  return finish(sources, {
    text: text?.text ?? null,
    pageCount: text?.pageCount ?? 0,
    pagesNeedingOcr: text?.pagesNeedingOcr ?? [],
    sources: [label, ...(sources.length > 1 ? ['text'] : [])],
    einvoice: { syntax: einvoice.syntax, ...(einvoice.profile ? { profile: einvoice.profile } : {}), ...(einvoice.typeCode ? { typeCode: einvoice.typeCode } : {}) },
  });
}

async function fromPdf(bytes: Uint8Array, options: UnderstandOptions): Promise<Understanding> {
  let content;
  try {
    content = await readPdf(bytes, { maxPages: options.maxPages + 1 });
  } catch (error) {
    if (error instanceof PdfReadError) throw new UnreadableDocumentError(error.reason, error.message);
    throw error;
  }
  if (content.pageCount > options.maxPages) {
    throw new UnreadableDocumentError('too_many_pages', `The PDF has ${content.pageCount} pages; at most ${options.maxPages} are read.`);
  }
  const text = content.pages.map((page) => page.text).join('\f');
  const pagesNeedingOcr = content.pages.filter((page) => page.needsOcr).map((page) => page.number);
  const attachment = findEInvoiceAttachment(content.attachments);
  if (attachment) return fromXml(attachment.xml, `einvoice:${attachment.filename}`, { text, pageCount: content.pageCount, pagesNeedingOcr });
  if (pagesNeedingOcr.length === content.pageCount) {
    throw new UnreadableDocumentError('no_text', 'The PDF has no text layer (a scan); reading scans (OCR) is not available yet.');
  }
  return finish([extractFromText(text)], { text, pageCount: content.pageCount, pagesNeedingOcr, sources: ['text'] });
}

function finish(sources: SourceExtraction[], extra: Pick<Understanding, 'text' | 'pageCount' | 'pagesNeedingOcr' | 'sources'> & { einvoice?: Understanding['einvoice'] }): Understanding {
  const merged = mergeSources(sources);
  const validated = validateFacts(merged.facts, merged.fields);
  return {
    type: merged.type,
    typeConfidence: merged.typeConfidence,
    typeReason: merged.typeReason,
    facts: merged.facts,
    fields: validated.fields,
    checks: validated.checks,
    needsReview: validated.needsReview,
    confidence: validated.confidence,
    ...extra,
  };
}

function parseXml(xml: string) {
  try {
    return parseEInvoice(xml);
  } catch (error) {
    if (!(error instanceof EInvoiceError)) throw error;
    const reason = error.reason === 'doctype_refused' ? 'xml_refused' : error.reason === 'malformed' ? 'xml_malformed' : 'not_einvoice';
    throw new UnreadableDocumentError(reason, error.message);
  }
}

function decodeXml(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UnreadableDocumentError('xml_malformed', 'The XML file is not valid UTF-8.');
  }
}
