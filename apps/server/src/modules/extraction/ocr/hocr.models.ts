/**
 * Both drivers ask tesseract for hOCR (the CLI's `hocr` config, tesseract.js's `hocr` output): it is
 * the one format that has, besides each word's box and confidence, each line's baseline and font
 * size. TSV has boxes only, and the bottom of a box is not the baseline ("Rechnungsnummer" hangs a
 * descender below "4711" printed on the same line).
 *
 * The words are then laid out by the PDF text layer's `layoutLines`, so OCR text and born-digital
 * text look alike to everything downstream (labels and values on one line, columns two or more
 * spaces apart). That function wants PDF coordinates (origin bottom-left, y = baseline); a page
 * that was scanned a little crooked is straightened first, so a label on the left and its value on
 * the right still share a line.
 */
import { layoutLines } from '../pdf/pdf.models.ts';
import type { Box, OcrLine, OcrResult } from './ocr.types.ts';

export type HocrLine = OcrLine;

type PlacedText = Parameters<typeof layoutLines>[0][number];

const LINE_CLASSES = new Set(['ocr_line', 'ocr_header', 'ocr_caption', 'ocr_textfloat']);

/** The lines of a tesseract hOCR page, each with its words in reading order. */
export function parseHocr(hocr: string): HocrLine[] {
  const lines: HocrLine[] = [];
  const tag = /<span class=['"]([a-z_]+)['"][^>]*?\stitle=(['"])(.*?)\2[^>]*>/gs;
  for (let match = tag.exec(hocr); match !== null; match = tag.exec(hocr)) {
    const [, kind = '', , title = ''] = match;
    const properties = parseTitle(title);
    const box = toBox(properties.get('bbox'));
    if (!box) continue;
    if (LINE_CLASSES.has(kind)) {
      const [slope = 0, offset = 0] = properties.get('baseline') ?? [];
      const size = properties.get('x_size')?.[0] ?? box.y1 - box.y0;
      lines.push({ box, slope, offset, size, words: [] });
    } else if (kind === 'ocrx_word') {
      const end = hocr.indexOf('</span>', tag.lastIndex);
      const text = decodeEntities(hocr.slice(tag.lastIndex, end === -1 ? undefined : end).replace(/<[^>]*>/g, '')).trim();
      const confidence = properties.get('x_wconf')?.[0] ?? 0;
      const line = lines.at(-1);
      if (text !== '' && line) line.words.push({ text, confidence: clamp01(confidence / 100), box });
    }
  }
  return lines.filter((line) => line.words.length > 0);
}

/** The driver-independent result for one page from its hOCR. */
export function ocrResultFromHocr(hocr: string, page: { width: number; height: number; languages: string }): OcrResult {
  return resultFromLines(parseHocr(hocr), page);
}

function resultFromLines(lines: HocrLine[], page: { width: number; height: number; languages: string }): OcrResult {
  const words = lines.flatMap((line) => line.words);
  const confidence = words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length;
  return { text: layoutLines(placeWords(lines, page.height)), words, confidence, width: page.width, height: page.height, languages: page.languages, lines };
}

/** Below this mean word confidence a line of the further reading is more likely grain than print. */
const FILL_CONFIDENCE = 0.6;

/**
 * The first reading with what a further reading of the same page found where the first read
 * nothing: the words that overlap none of the first reading's words, line by line, where the line's
 * new words are sure on average (a line keeps its unsure words: "Hafenbrief" read at 0.3 still
 * belongs before "Versicherung AG"). What the first read stays as it read it; a reading that reads
 * some parts better and others worse only adds. Undefined when either reading has no lines to lay
 * out, or the further one adds nothing.
 */
export function filledReading(first: OcrResult, further: OcrResult): OcrResult | undefined {
  if (!first.lines || !further.lines) return undefined;
  const taken = first.words.map((word) => word.box);
  const added = further.lines
    .map((line) => ({ ...line, words: line.words.filter((word) => !taken.some((box) => overlaps(box, word.box))) }))
    .filter((line) => line.words.some((word) => /[\p{L}\p{N}]/u.test(word.text)) && mean(line.words.map((word) => word.confidence)) >= FILL_CONFIDENCE);
  if (added.length === 0) return undefined;
  return resultFromLines([...first.lines, ...added], first);
}

function overlaps(p: Box, q: Box): boolean {
  return p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1;
}

/**
 * Words as PDF-like text items: x along and y up the straightened page, y at the word's baseline.
 * The skew is the median baseline slope of the page, so one odd line does not turn everything.
 */
export function placeWords(lines: readonly HocrLine[], pageHeight: number): PlacedText[] {
  const angle = Math.atan(median(lines.map((line) => line.slope)));
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return lines.flatMap((line) =>
    line.words.map((word) => {
      const x = word.box.x0;
      const baseline = line.box.y1 + line.offset + line.slope * (x - line.box.x0);
      return {
        str: word.text,
        x: x * cos + baseline * sin,
        y: pageHeight - (baseline * cos - x * sin),
        width: word.box.x1 - word.box.x0,
        fontSize: line.size > 0 ? line.size : line.box.y1 - line.box.y0,
        word: true,
      };
    }),
  );
}

function parseTitle(title: string): Map<string, number[]> {
  const properties = new Map<string, number[]>();
  for (const part of title.split(';')) {
    const [key, ...values] = part.trim().split(/\s+/);
    if (key) properties.set(key, values.map(Number).filter((value) => Number.isFinite(value)));
  }
  return properties;
}

function toBox(values: number[] | undefined): Box | undefined {
  if (!values || values.length < 4) return undefined;
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = values;
  return { x0, y0, x1, y1 };
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((p, q) => p - q);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
