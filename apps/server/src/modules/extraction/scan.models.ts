/**
 * Reading what has no text layer: photos, scans and image-only PDF pages. Each page image is made
 * readable (image/prepare.models.ts), turned upright (the OCR driver's rotation detection), and
 * recognised; its payment QR code, if any, is read from the same page. Pages run a few at a time
 * (`parallelPages`); a page that takes longer than its time limit is skipped with a warning instead
 * of failing the whole document.
 */
import { binarize, prepareForOcr, rotate, withoutDarkBorder } from './image/prepare.models.ts';
import type { OcrDriver, OcrOptions, OcrResult } from './ocr/ocr.types.ts';
import { OcrTimeoutError } from './ocr/ocr.types.ts';
import { unreadInk } from './ocr/coverage.models.ts';
import { filledReading } from './ocr/hocr.models.ts';
import { findPaymentQr } from './qr/qr.reader.ts';
import type { EpcPayment } from './qr/epc.models.ts';

/** A reading that leaves more of the page's print than this unread is tried again (ocr/coverage.models.ts). */
const UNREAD_LIMIT = 0.2;
/** Fewer words than this is a page that did not read at all (readsWell). */
const MIN_WORDS = 5;

export interface ScanSettings {
  ocr: () => Promise<OcrDriver>;
  languages: readonly string[];
  /** Time limit per page for recognition. */
  pageTimeoutMs: number;
  parallelPages: number;
  /** Images with more pixels are refused (decompression bombs). */
  maxPixels: number;
}

export interface ScannedPage {
  text: string;
  /** Mean word confidence of the page, 0..1. */
  confidence: number;
  steps: string[];
  qr: { payment: EpcPayment; raw: string } | null;
  /** Resolution the page was read at (after any upscaling); absent for a PDF page's text layer. */
  dpi?: number;
}

/** How to look at a page once more: brought up to full resolution below this share of it, in black and white, or read as one column (OcrOptions.layout). */
export interface Look {
  upscaleBelow?: number;
  binarize?: boolean;
  layout?: OcrOptions['layout'];
}

export type PageOutcome = { ok: true; page: ScannedPage } | { ok: false; warning: string };

/** Recognises one page image (any format sharp or the HEIC decoder reads; `page` of a multi-page TIFF, zero based). */
export async function scanImage(bytes: Uint8Array, mime: string, settings: ScanSettings, label: string, page = 0, look: Look = {}): Promise<PageOutcome> {
  const { layout, binarize: thresholded = false, ...preparation } = look;
  const prepared = await prepareForOcr(bytes, mime, { maxPixels: settings.maxPixels, ...(page > 0 ? { page } : {}), ...preparation });
  const driver = await settings.ocr();
  const options = { languages: settings.languages, timeoutMs: settings.pageTimeoutMs, dpi: prepared.dpi, ...(layout ? { layout } : {}) };
  try {
    const steps = thresholded ? [...prepared.steps, 'binarised'] : [...prepared.steps];
    const start = thresholded ? await binarize(prepared.png) : prepared.png;
    // Most pages arrive upright: read first, and ask the (as costly) orientation detector only when
    // the reading is poor.
    let result = await driver.recognize(start, options);
    let png = start;
    if (result.words.length < MIN_WORDS) {
      // Next to nothing read: a dark edge (the table, a till slip's torn end) can make the layout
      // analysis take the whole image for a picture. Painted as paper, the page often reads. (Not
      // for a page that did read, if poorly: there the second reading is no more often right.)
      const cleared = await withoutDarkBorder(png);
      if (cleared) {
        const reading = await driver.recognize(cleared, options);
        if (readingScore(reading) > readingScore(result)) {
          result = reading;
          png = cleared;
          steps.push('dark border cleared');
        }
      }
    }
    if (!readsWell(result)) {
      const { rotation, confidence } = await driver.detectRotation(start, options);
      // Below about 0.5 the orientation detector is guessing; turning a readable page would do harm.
      if (rotation !== 0 && confidence >= 0.5) {
        const turned = await rotate(start, 360 - rotation);
        const second = await driver.recognize(turned, options);
        // The detector said turn it; keep the turn unless it clearly reads worse (the layout of a
        // sideways page read as vertical text is lost even when its words were recognised).
        if (readingScore(second) >= readingScore(result) * 0.9) {
          result = second;
          png = turned;
          steps.push(`rotated ${360 - rotation}`);
        }
      }
    }
    if (!readsWell(result) && !thresholded) {
      // Still poor: a noisy or textured background can hide the text from the layout analysis; a
      // black-and-white page often reads where the gray one did not. The better reading wins.
      const binary = await binarize(png);
      const third = await driver.recognize(binary, options);
      if (readingScore(third) > readingScore(result)) {
        result = third;
        png = binary;
        steps.push('binarised');
      }
    }
    if (!steps.includes('binarised') && (await unreadInk(png, result.words)) > UNREAD_LIMIT) {
      // Confident words, but much of the page's print unread: the layout analysis took shaded or
      // grainy parts of a photo for pictures. A threshold per neighbourhood often finds them.
      // It only fills in: it reads some parts better and others worse (thin print on a till slip).
      const filled = filledReading(result, await driver.recognize(png, { ...options, threshold: 'adaptive' }));
      if (filled) {
        result = filled;
        steps.push('adaptive threshold');
      }
    }
    // The QR code is looked for on the original image (sharper); HEIC and later pages of a TIFF on the prepared page.
    const qr = await findPaymentQr(mime === 'image/heic' || page > 0 ? png : bytes).catch(() => findPaymentQr(png).catch(() => null));
    return { ok: true, page: { text: result.text, confidence: result.confidence, steps, qr, dpi: prepared.dpi } };
  } catch (error) {
    if (error instanceof OcrTimeoutError) return { ok: false, warning: `${label}: reading took longer than ${Math.round(settings.pageTimeoutMs / 1000)} s and was skipped.` };
    throw error;
  }
}

/**
 * Enough confident words that the page is evidently the right way up. A landscape image is always
 * checked: tesseract reads a letter lying on its side as vertical text with good confidence, while
 * an upside-down page reads poorly on its own.
 */
function readsWell(result: OcrResult): boolean {
  return result.confidence >= 0.75 && result.words.length >= MIN_WORDS && result.height >= result.width * 0.9;
}

/** How much confidently read text a reading holds: the way up that reads more, wins. */
function readingScore(result: OcrResult): number {
  return result.confidence * result.words.filter((word) => word.text.length > 1).length;
}

/** Runs `work` over the items, at most `parallel` at a time, keeping their order. */
export async function inBatches<T, R>(items: readonly T[], parallel: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, lane));
  return results;
}

