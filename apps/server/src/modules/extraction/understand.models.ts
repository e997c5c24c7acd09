/**
 * The understanding cascade for one document, most exact source first: an e-invoice XML
 * (standalone, or embedded in a ZUGFeRD/Factur-X PDF) is the truth for every field it has; then an
 * EPC/GiroCode payment QR code; then the PDF text layer; then OCR of photos, scans and image-only
 * pages. (An optional LLM joins later.) Validation raises or lowers each field's confidence.
 */
import type { DocumentType } from '../../db/schema.ts';
import { EInvoiceError, findEInvoiceAttachment, parseEInvoice } from './einvoice/einvoice.models.ts';
import type { SourceExtraction, DocumentFacts, FieldMap, ValidationCheck } from './extraction.types.ts';
import { mergeSources } from './merge.models.ts';
import { ocrSource, qrSource } from './ocr-source.models.ts';
import { PdfReadError, readPdf } from './pdf/pdf.models.ts';
import { renderPage } from './pdf/render.models.ts';
import { amountCheck } from './qr/epc.models.ts';
import { imageInfo } from './image/decode.models.ts';
import { ImageRejectedError } from './image/prepare.models.ts';
import { inBatches, scanImage, type PageOutcome, type ScanSettings, type ScannedPage } from './scan.models.ts';
import { extractFromText, type TextContext } from './text/text.models.ts';
import { repairOcrWords } from './ocr-words.models.ts';
import { validateFacts } from './validation/validation.models.ts';

export type UnreadableReason =
  | 'encrypted' | 'damaged' | 'no_text' | 'too_many_pages' | 'xml_malformed' | 'xml_refused' | 'not_einvoice' | 'needs_ocr' | 'timeout' | 'crashed'
  | 'image_refused';

/** The document cannot be understood, for a reason the user can act on; retrying will not help. */
export class UnreadableDocumentError extends Error {
  /** A picture of page 1 for the list, when one could still be drawn (a photo without readable text). */
  thumbnail: Uint8Array | null = null;

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
  /** Pages without a text layer: read by OCR when it is available. */
  pagesNeedingOcr: number[];
  /** Pages read by OCR, with their mean word confidence. */
  ocrPages: { page: number; confidence: number; steps: string[] }[];
  /** Things the user should know (a page skipped after a timeout). */
  warnings: string[];
  /** Where the facts came from, e.g. ["einvoice:factur-x.xml", "text"]. */
  sources: string[];
  einvoice?: { syntax: string; profile?: string; typeCode?: string };
}

export interface UnderstandOptions {
  maxPages: number;
  /** OCR and QR reading; without it, photos and scans fail as `needs_ocr`. */
  scan?: ScanSettings;
  /** The day the document is read, 'YYYY-MM-DD' in the user's zone: contracts' cancellation dates count from it. */
  today?: string;
}

export interface InputFile {
  bytes: Uint8Array;
  mime: string;
}

const IMAGE_MIMES = new Set(['image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'image/heic']);

export async function understandFile(bytes: Uint8Array, mime: string, options: UnderstandOptions): Promise<Understanding> {
  return understandFiles([{ bytes, mime }], options);
}

/** One document from one file, or from several photos that are the pages of one letter. */
export async function understandFiles(files: readonly InputFile[], options: UnderstandOptions): Promise<Understanding> {
  const context: TextContext = options.today ? { today: options.today } : {};
  if (files.length === 1 && files[0]!.mime === 'application/xml') return fromXml(decodeXml(files[0]!.bytes), 'einvoice', context);
  if (files.length === 1 && files[0]!.mime === 'application/pdf') return fromPdf(files[0]!.bytes, options, context);
  if (files.length > options.maxPages) throw new UnreadableDocumentError('too_many_pages', `The document has ${files.length} pages; at most ${options.maxPages} are read.`);
  if (!files.every((file) => IMAGE_MIMES.has(file.mime))) throw new UnreadableDocumentError('damaged', 'Only photos and scans can be pages of one document.');
  const scan = requireScan(options);
  const pages = await imagePages(files);
  if (pages.length > options.maxPages) throw new UnreadableDocumentError('too_many_pages', `The document has ${pages.length} pages; at most ${options.maxPages} are read.`);
  const outcomes = await inBatches(pages, scan.parallelPages, (page, index) => guardImage(scanImage(page.bytes, page.mime, scan, `Page ${index + 1}`, page.page)));
  const numbered = outcomes.map((outcome, index) => ({ number: index + 1, outcome }));
  const first = fromScans(numbered, pages.length, [], context);
  if (pages.length > SECOND_LOOK_MAX_PAGES) return first;
  // A photo whose reading missed what its kind of letter is about: read once more in black and
  // white, and a photo read at its own modest resolution also brought up to full resolution first.
  // The page layout analysis can take shaded or blurred parts of a photo for pictures and lose them
  // whole (the letterhead, a column of amounts) while the words it did read are sure; thresholding
  // brings them back. Each further reading reads some words better and others worse, so it only
  // fills what the first lacks.
  let understanding = first;
  let further: PageOutcome[][] = [];
  if (missesWhatMatters(first)) {
    const low = (outcome: PageOutcome) => outcome.ok && (outcome.page.dpi ?? Infinity) < SECOND_LOOK_BELOW_DPI;
    const sharper = (index: number) => (low(outcomes[index]!) ? { upscaleBelow: SECOND_LOOK_UPSCALE_BELOW } : {});
    const upscaled = outcomes.some(low)
      ? [await inBatches(pages, scan.parallelPages, (page, index) => (low(outcomes[index]!) ? guardImage(scanImage(page.bytes, page.mime, scan, `Page ${index + 1}`, page.page, sharper(index))) : Promise.resolve(outcomes[index]!)))]
      : [];
    const thresholded = await inBatches(pages, scan.parallelPages, (page, index) => guardImage(scanImage(page.bytes, page.mime, scan, `Page ${index + 1}`, page.page, { ...sharper(index), binarize: true })));
    further = [...upscaled, thresholded];
    understanding = fromScans(numbered, pages.length, [], context, { further });
  }
  return understanding.type === 'receipt' && !tillTotalSure(understanding) ? tillSlipLook(pages, [outcomes, ...further], understanding, scan, context) : understanding;
}

/**
 * A till slip whose total was not made sure (by tendered minus change, or a second total line): read
 * once more as one column of lines. That reading keeps amounts beside labels that the page layout
 * analysis set apart, and loses others; it leads only where it is surer of the total, though counted
 * a little less, and the first reading fills what it lacks.
 */
async function tillSlipLook(pages: readonly ImagePage[], readings: PageOutcome[][], understanding: Understanding, scan: ScanSettings, context: TextContext): Promise<Understanding> {
  const block = await inBatches(pages, scan.parallelPages, (page, index) => guardImage(scanImage(page.bytes, page.mime, scan, `Page ${index + 1}`, page.page, { layout: 'block' })));
  const numbered = block.map((outcome, index) => ({ number: index + 1, outcome }));
  const sureness = (reading: Understanding) => (reading.facts.amount ? (reading.fields.amount?.confidence ?? 0) : 0);
  if (sureness(fromScans(numbered, pages.length, [], context, { lead: 'block' })) <= sureness(understanding)) return understanding;
  // What kind of paper it is, the first reading, which saw the page's layout, has decided.
  const { type, typeConfidence, typeReason } = understanding;
  return { ...fromScans(numbered, pages.length, [], context, { further: readings, lead: 'block' }), type, typeConfidence, typeReason };
}

/** A till slip's total this sure (confirmed by tendered minus change or a second total line, on a clean page) needs no further look. */
const TILL_TOTAL_SURE = 0.85;

function tillTotalSure(understanding: Understanding): boolean {
  return understanding.facts.amount !== undefined && (understanding.fields.amount?.confidence ?? 0) >= TILL_TOTAL_SURE;
}

/** Photos read below this resolution are brought up to full resolution for the second look. */
const SECOND_LOOK_BELOW_DPI = 270;
const SECOND_LOOK_UPSCALE_BELOW = 0.9;
/** A second look costs one or two more OCRs of every page: only for short letters. */
const SECOND_LOOK_MAX_PAGES = 3;
/** The second reading's fields count a little less than the first's. */
const SECOND_LOOK_CONFIDENCE = 0.9;

/** Whether the reading lacks the facts its class is about: what a task would be made from. */
export function missesWhatMatters(understanding: Pick<Understanding, 'type' | 'facts'>): boolean {
  const { type, facts } = understanding;
  switch (type) {
    case 'invoice':
      return !facts.amount || !facts.issue_date || !facts.invoice_number;
    case 'reminder':
      return !facts.amount || !facts.due_date || !facts.dunning?.linked_invoice_number;
    case 'credit_note':
      return !facts.amount;
    case 'receipt':
      return !facts.amount || !facts.issue_date;
    case 'contract':
      return !facts.contract?.last_cancellation_date;
    case 'appointment':
      return !facts.appointment?.datetime;
    default:
      return false;
  }
}

/** The pages to read, in order: every page of a multi-page TIFF (a scanner's usual output), one of any other image. */
interface ImagePage {
  bytes: Uint8Array;
  mime: string;
  /** Zero-based page of a multi-page TIFF. */
  page: number;
}

async function imagePages(files: readonly InputFile[]): Promise<ImagePage[]> {
  const pages: ImagePage[] = [];
  for (const file of files) {
    const count = file.mime === 'image/tiff' ? (await guardImage(imageInfo(file.bytes, file.mime))).pages : 1;
    for (let page = 0; page < count; page += 1) pages.push({ bytes: file.bytes, mime: file.mime, page });
  }
  return pages;
}

function requireScan(options: UnderstandOptions): ScanSettings {
  if (!options.scan) throw new UnreadableDocumentError('needs_ocr', 'This is an image; reading photos and scans (OCR) is not available.');
  return options.scan;
}

async function guardImage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ImageRejectedError) throw new UnreadableDocumentError('image_refused', error.message);
    throw error;
  }
}

function fromXml(xml: string, label: string, context: TextContext, text: { text: string; pageCount: number; pagesNeedingOcr: number[] } | null = null): Understanding {
  const einvoice = parseXml(xml);
  const sources: SourceExtraction[] = [einvoice];
  if (text && text.text.trim() !== '') sources.push(extractFromText(text.text, context));
  return finish(sources, {
    text: text?.text ?? null,
    pageCount: text?.pageCount ?? 0,
    pagesNeedingOcr: text?.pagesNeedingOcr ?? [],
    ocrPages: [],
    warnings: [],
    sources: [label, ...(sources.length > 1 ? ['text'] : [])],
    einvoice: { syntax: einvoice.syntax, ...(einvoice.profile ? { profile: einvoice.profile } : {}), ...(einvoice.typeCode ? { typeCode: einvoice.typeCode } : {}) },
  });
}

async function fromPdf(bytes: Uint8Array, options: UnderstandOptions, context: TextContext): Promise<Understanding> {
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
  const pagesNeedingOcr = content.pages.filter((page) => page.needsOcr).map((page) => page.number);
  const layerText = content.pages.map((page) => page.text).join('\f');
  const attachment = findEInvoiceAttachment(content.attachments);
  if (attachment) return fromXml(attachment.xml, `einvoice:${attachment.filename}`, context, { text: layerText, pageCount: content.pageCount, pagesNeedingOcr });
  if (pagesNeedingOcr.length === 0) {
    return finish([extractFromText(layerText, context)], { text: layerText, pageCount: content.pageCount, pagesNeedingOcr, ocrPages: [], warnings: [], sources: ['text'] });
  }
  if (!options.scan) {
    if (pagesNeedingOcr.length === content.pageCount) throw new UnreadableDocumentError('no_text', 'The PDF has no text layer (a scan); reading scans (OCR) is not available.');
    return finish([extractFromText(layerText, context)], { text: layerText, pageCount: content.pageCount, pagesNeedingOcr, ocrPages: [], warnings: [], sources: ['text'] });
  }
  const scan = options.scan;
  const outcomes = await inBatches(pagesNeedingOcr, scan.parallelPages, async (number) => {
    const png = await renderPage(bytes, number, { dpi: 300, maxPixels: scan.maxPixels });
    return guardImage(scanImage(png, 'image/png', scan, `Page ${number}`));
  });
  const scanned = new Map(pagesNeedingOcr.map((number, index) => [number, outcomes[index]!]));
  const pages = content.pages.map((page) => ({ number: page.number, outcome: scanned.get(page.number) ?? ({ ok: true, page: { text: page.text, confidence: 1, steps: [], qr: null } } as PageOutcome) }));
  return fromScans(pages, content.pageCount, pagesNeedingOcr, context, { hasTextLayer: pagesNeedingOcr.length < content.pageCount });
}

/**
 * Further readings of the same pages: they follow the pages' reading and only fill what it lacks,
 * a little less sure; with `lead: 'block'` the pages are the one-column reading of a till slip (a
 * little less sure itself) and the first further reading is the first reading, which keeps its
 * confidence.
 */
interface Readings {
  further?: PageOutcome[][];
  lead?: 'block';
}

/** Joins the pages' text and QR codes into one reading; OCR-read text gets source `ocr`. */
function fromScans(pages: { number: number; outcome: PageOutcome }[], pageCount: number, pagesNeedingOcr: number[], context: TextContext, readings: Readings & { hasTextLayer?: boolean } = {}): Understanding {
  const { further = [], lead, hasTextLayer = false } = readings;
  const warnings = pages.flatMap(({ outcome }) => (outcome.ok ? [] : [outcome.warning]));
  const read = pages.flatMap(({ number, outcome }) => (outcome.ok ? [{ number, page: outcome.page }] : []));
  const text = pages.map(({ outcome }) => (outcome.ok ? outcome.page.text : '')).join('\f');
  if (text.replace(/\s/g, '').length === 0) {
    throw new UnreadableDocumentError('no_text', warnings.length > 0 ? `Nothing could be read: ${warnings.join(' ')}` : 'Nothing readable was found on the page.');
  }
  const ocrRead = read.filter(({ number }) => !hasTextLayer || pagesNeedingOcr.includes(number));
  const confidence = ocrRead.length > 0 ? ocrRead.reduce((sum, { page }) => sum + page.confidence, 0) / ocrRead.length : 1;
  const qr = read.map(({ page }) => page.qr).find((found): found is NonNullable<ScannedPage['qr']> => found !== null);
  // The rules read OCR'd pages with their misread label words repaired; the stored text stays as read.
  const readable = pages.map(({ number, outcome }) => (!outcome.ok ? '' : ocrRead.some((entry) => entry.number === number) ? repairOcrWords(outcome.page.text) : outcome.page.text)).join('\f');
  const textSource = hasTextLayer
    ? extractFromText(readable, context)
    : lead === 'block'
      ? ocrSource(extractFromText(readable, context), text, confidence * SECOND_LOOK_CONFIDENCE)
      : ocrSource(extractFromText(readable, context), text, confidence);
  const sources = [...(qr ? [qrSource(qr.payment)] : []), textSource, ...further.map((reading, index) => furtherReading(reading, context, lead === 'block' && index === 0 ? 1 : SECOND_LOOK_CONFIDENCE))];
  const understanding = finish(sources, {
    text,
    pageCount,
    pagesNeedingOcr,
    ocrPages: ocrRead.map(({ number, page }) => ({ page: number, confidence: page.confidence, steps: page.steps })),
    warnings,
    sources: [...(qr ? ['qr'] : []), hasTextLayer ? 'text+ocr' : lead === 'block' ? 'ocr-block' : 'ocr', ...further.map((_, index) => (lead === 'block' && index === 0 ? 'ocr' : 'ocr-second-look'))],
  });
  const check = qr ? amountCheck(qr.payment.amount, textSource.facts.amount_due ?? textSource.facts.amount) : undefined;
  if (check && !check.ok) {
    understanding.checks.push(check);
    understanding.needsReview = true;
    const field = understanding.fields.amount_due;
    if (field) understanding.fields.amount_due = { ...field, confidence: Math.min(field.confidence, 0.5) };
  } else if (check) understanding.checks.push(check);
  return understanding;
}

/** Another reading of the photo pages as a source after the leading one: it only fills what that lacks, its confidence scaled by `factor`. */
function furtherReading(outcomes: readonly PageOutcome[], context: TextContext, factor: number): SourceExtraction {
  const read = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.page] : []));
  const text = outcomes.map((outcome) => (outcome.ok ? outcome.page.text : '')).join('\f');
  const confidence = read.length > 0 ? read.reduce((sum, page) => sum + page.confidence, 0) / read.length : 0;
  return ocrSource(extractFromText(outcomes.map((outcome) => (outcome.ok ? repairOcrWords(outcome.page.text) : '')).join('\f'), context), text, confidence * factor);
}

function finish(sources: SourceExtraction[], extra: Omit<Understanding, 'type' | 'typeConfidence' | 'typeReason' | 'facts' | 'fields' | 'checks' | 'needsReview' | 'confidence'>): Understanding {
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
