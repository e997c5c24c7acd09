/**
 * Reading born-digital PDFs: the text layer page by page, laid out in lines the way the page shows
 * them (label and value on one line, columns kept apart by two or more spaces), the embedded files
 * (a ZUGFeRD/Factur-X invoice's XML) and a rendered first page for the thumbnail.
 *
 * pdf.js (through unpdf 1.7, the last release for Node 20) does the parsing. Its text items come
 * in content-stream order, not reading order, so lines are rebuilt from their positions.
 */
import { getDocumentProxy, renderPageAsImage } from 'unpdf';

// pdf.js 5 renders fonts with ArrayBuffer#transferToFixedLength, which Node 20 lacks (Node 21 has it);
// without it every page draws blank. A copying stand-in is enough: pdf.js never reuses the source.
if (!('transferToFixedLength' in ArrayBuffer.prototype)) {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length: number = this.byteLength): ArrayBuffer {
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return copy;
    },
  });
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Fewer letters than this on a page means it is an image (a scan) and needs OCR. */
export const MIN_TEXT_CHARS_PER_PAGE = 40;

export interface PdfPage {
  number: number;
  text: string;
  /** Too little text for a born-digital page: the photos/OCR issue reads it from the image. */
  needsOcr: boolean;
}

export interface PdfAttachment {
  filename: string;
  content: Uint8Array;
}

export interface PdfContent {
  pageCount: number;
  pages: PdfPage[];
  attachments: PdfAttachment[];
}

export type PdfFailure = 'encrypted' | 'damaged';

/** A PDF that cannot be read, with the reason a user can act on. */
export class PdfReadError extends Error {
  constructor(
    readonly reason: PdfFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    return await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    throw toReadError(error);
  }
}

export async function readPdf(bytes: Uint8Array, { maxPages = Number.POSITIVE_INFINITY }: { maxPages?: number } = {}): Promise<PdfContent> {
  const pdf = await openPdf(bytes);
  try {
    const pageCount = pdf.numPages;
    const pages: PdfPage[] = [];
    for (let number = 1; number <= Math.min(pageCount, maxPages); number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) => ('str' in item ? [toItem(item)] : []));
      const text = layoutLines(items);
      pages.push({ number, text, needsOcr: letterCount(text) < MIN_TEXT_CHARS_PER_PAGE });
      page.cleanup();
    }
    return { pageCount, pages, attachments: await attachmentsOf(pdf) };
  } catch (error) {
    throw toReadError(error);
  } finally {
    await pdf.destroy();
  }
}

/** Page 1 as PNG bytes, `width` pixels wide. */
export async function renderFirstPage(bytes: Uint8Array, width: number): Promise<Uint8Array> {
  const pdf = await openPdf(bytes);
  try {
    const png = await renderPageAsImage(pdf, 1, { canvasImport: () => import('@napi-rs/canvas'), width });
    return new Uint8Array(png);
  } catch (error) {
    throw toReadError(error);
  } finally {
    await pdf.destroy();
  }
}

async function attachmentsOf(pdf: PdfDocument): Promise<PdfAttachment[]> {
  const found = (await pdf.getAttachments()) as Record<string, { filename?: string; content?: Uint8Array }> | null;
  if (!found) return [];
  return Object.entries(found).flatMap(([key, value]) => (value.content ? [{ filename: value.filename ?? key, content: value.content }] : []));
}

interface PlacedText {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  /** A whole word (an OCR word), never glued to its neighbour however close; PDF items can be pieces of one. */
  word?: boolean;
}

function toItem(item: { str: string; transform: number[]; width: number }): PlacedText {
  const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
  return { str: item.str, x, y, width: item.width, fontSize: Math.hypot(a, b) || 10 };
}

/**
 * Rebuilds reading order: items whose baselines lie within a third of the font size form one line
 * (top to bottom, then left to right). A gap wider than about two characters becomes at least two
 * spaces, so "Rechnungsnummer    4711" and table columns stay recognisable as separate cells.
 *
 * A line keeps its indentation: one space per typical character width between the page's
 * left-most text and the line's first item. A right-hand block (the sender's contact column, the
 * date beside the address window) can then be told from the left column even on lines where the
 * left column is empty.
 */
export function layoutLines(items: PlacedText[]): string {
  const visible = items.filter((item) => item.str.trim() !== '');
  visible.sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: PlacedText[][] = [];
  for (const item of visible) {
    const line = lines.find((candidate) => Math.abs(candidate[0]!.y - item.y) <= Math.max(candidate[0]!.fontSize, item.fontSize) / 3);
    if (line) line.push(item);
    else lines.push([item]);
  }
  lines.sort((p, q) => q[0]!.y - p[0]!.y);
  // A reduce, not Math.min(...items): a page can hold more text items than a call has arguments.
  const left = visible.reduce((least, item) => Math.min(least, item.x), Number.POSITIVE_INFINITY);
  const unit = typicalCharWidth(visible);
  return lines.map((line) => indentation(line, left, unit) + joinLine(line)).join('\n');
}

/** At most this many spaces of indentation: beyond it, further right says nothing more. */
const MAX_INDENT = 120;

function indentation(line: PlacedText[], left: number, unit: number): string {
  const first = line.reduce((least, item) => Math.min(least, item.x), Number.POSITIVE_INFINITY);
  return ' '.repeat(Math.min(MAX_INDENT, Math.max(0, Math.round((first - left) / unit))));
}

/** The median width of a character on the page: body text decides, not a large heading. */
function typicalCharWidth(items: PlacedText[]): number {
  const widths = items
    .map((item) => (item.width > 0 && item.str.length > 0 ? item.width / item.str.length : item.fontSize / 2))
    .filter((width) => width > 0)
    .sort((p, q) => p - q);
  return widths[Math.floor(widths.length / 2)] ?? 5;
}

function joinLine(line: PlacedText[]): string {
  line.sort((p, q) => p.x - q.x);
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const item of line) {
    const charWidth = item.str.length > 0 && item.width > 0 ? item.width / item.str.length : item.fontSize / 2;
    const gap = item.x - end;
    if (text !== '') {
      if (gap > charWidth * 2) text += ' '.repeat(Math.min(8, Math.max(2, Math.round(gap / charWidth))));
      else if ((item.word || gap > item.fontSize * 0.12) && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    }
    text += text === '' ? item.str.trimStart() : item.str;
    end = Math.max(end, item.x + item.width);
  }
  return text.replace(/\s+$/, '');
}

function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

function toReadError(error: unknown): Error {
  if (error instanceof PdfReadError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return new PdfReadError('encrypted', 'The PDF is password-protected; remove the password and upload it again.');
  const detail = error instanceof Error ? error.message : String(error);
  return new PdfReadError('damaged', `The PDF cannot be read (${detail}).`);
}

