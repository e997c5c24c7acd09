/**
 * Optical character recognition behind one interface, with two drivers that pass the same test
 * suite (ocr.test-suite.ts): native `tesseract` when installed (faster), else tesseract.js with the
 * language data from npm. Never a download at run time.
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** 0..1 (tesseract reports 0..100). */
  confidence: number;
  /** Pixels of the recognised image, origin top-left. */
  box: Box;
}

export interface OcrResult {
  /**
   * The page's text laid out like the PDF text layer (pdf/pdf.models.ts `layoutLines`): one line per
   * printed line, top to bottom, words one space apart, column gaps two or more spaces.
   */
  text: string;
  words: OcrWord[];
  /** Mean word confidence 0..1 (0 when nothing was recognised). */
  confidence: number;
  width: number;
  height: number;
  /** Tesseract language string used, e.g. `deu+eng`. */
  languages: string;
  /** The words by printed line, with each line's baseline: what `text` was laid out from (hOCR). */
  lines?: OcrLine[];
}

/** One printed line as tesseract found it. */
export interface OcrLine {
  box: Box;
  /** Baseline: y = box.y1 + offset + slope * (x - box.x0), pixels, origin top-left. */
  slope: number;
  offset: number;
  /** Tesseract's row height (`x_size`), close to the font size in pixels. */
  size: number;
  words: OcrWord[];
}

export type Rotation = 0 | 90 | 180 | 270;

export interface OcrOptions {
  /** Tesseract language codes, e.g. ['deu', 'eng']. */
  languages: readonly string[];
  /** The page is given up after this long (OcrTimeoutError). */
  timeoutMs: number;
  /** Resolution of the image, when known (helps tesseract with small print). */
  dpi?: number;
  /**
   * How the page is laid out. `auto` (the default): tesseract finds blocks and columns itself (its
   * page segmentation mode 3), right for letters. `block`: the page is one column of lines (mode 6),
   * as on a till slip, where mode 3 can lose the amounts printed far right of their labels.
   */
  layout?: 'auto' | 'block';
  /**
   * How tesseract tells print from paper. `global` (the default): one threshold for the whole page
   * (Otsu), right for scans. `adaptive`: a threshold per neighbourhood (Sauvola, tesseract's
   * `thresholding_method=2`), for a photo with shade and grain, where one threshold turns the
   * darker part of the page into blots and the layout analysis drops it.
   */
  threshold?: 'global' | 'adaptive';
}

export interface OcrDriver {
  readonly name: 'tesseract' | 'tesseract.js';
  /** Recognises one page image (PNG, JPEG, TIFF or WebP bytes; grayscale is best). */
  recognize(image: Uint8Array, options: OcrOptions): Promise<OcrResult>;
  /** How far the page is turned clockwise (rotate it back by that much to read it). */
  detectRotation(image: Uint8Array, options: OcrOptions): Promise<{ rotation: Rotation; confidence: number }>;
  close(): Promise<void>;
}

export class OcrTimeoutError extends Error {
  override name = 'OcrTimeoutError';
}
