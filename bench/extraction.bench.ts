/**
 * Extraction accuracy on a folder with a `truth.jsonl` (default ../shared/fixtures/public):
 *   npm run bench:extraction [-- --fixtures DIR] [--wrong] [--receipts | --no-receipts]
 * Two paths through the real understanding cascade (`understandFile`):
 * - e-invoice XML: standalone XML files, and hybrid PDFs read with their embedded XML;
 * - text only: the same PDFs with the XML attachment removed (pdf-lib), so only the printed page counts.
 * Prints per-field accuracy, calibration of confidence >= 0.9, per-class recall and a confusion matrix.
 * With OCR (unless --no-ocr; --ocr tesseract|tesseract.js picks the driver) two more paths: the same
 * PDFs rendered as 150 dpi grayscale page images, and the receipt photos of the set (`--receipts`: only those; `--no-receipts`: all but those).
 *
 * Workmate's own corpus (bench/corpus, docs/corpus.md) instead of the fixtures:
 *   npm run bench:extraction -- --corpus [--dev] [--holdout] [--renditions pdf,photo] [--out DIR] [--limit N] [--wrong]
 * (`--dev` or `--holdout` without `--corpus` scores only those families); see bench/extraction/corpus.ts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { readPdf } from '../apps/server/src/modules/extraction/pdf/pdf.models.ts';
import { UnreadableDocumentError, understandFile, understandFiles, type Understanding, type UnderstandOptions } from '../apps/server/src/modules/extraction/understand.models.ts';
import { renderPage } from '../apps/server/src/modules/extraction/pdf/render.models.ts';
import { chooseOcrDriver } from '../apps/server/src/modules/extraction/ocr/ocr.drivers.ts';
import type { OcrDriver } from '../apps/server/src/modules/extraction/ocr/ocr.types.ts';
import type { ScanSettings } from '../apps/server/src/modules/extraction/scan.models.ts';
import sharp from 'sharp';
import { findEInvoiceAttachment } from '../apps/server/src/modules/extraction/einvoice/einvoice.models.ts';
import { formatReport, formatWrong, onlyPrinted, scoreDocument, summarize, type DocumentScore } from './extraction/score.ts';
import { readTruth, type TruthRow } from './extraction/truth.ts';

const MAX_PAGES = 50;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

/** The PDF without its embedded files: the catalog's EmbeddedFiles name tree and AF array removed. */
async function withoutAttachments(bytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  pdf.catalog.delete(PDFName.of('AF'));
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  names?.delete(PDFName.of('EmbeddedFiles'));
  return pdf.save({ updateFieldAppearances: false });
}

async function understood(row: TruthRow, read: () => Promise<Understanding>): Promise<{ score: DocumentScore; failed?: string }> {
  let understanding: Understanding | undefined;
  let failed: string | undefined;
  try {
    understanding = await read();
  } catch (error) {
    if (!(error instanceof UnreadableDocumentError)) throw error;
    failed = error.message;
  }
  const score = scoreDocument(row, understanding ? { type: understanding.type, facts: understanding.facts, fields: understanding.fields } : { facts: {}, fields: {} });
  return { score, ...(failed ? { failed } : {}) };
}

function print(title: string, scores: DocumentScore[], failures: string[], showWrong: boolean, pageText?: (file: string) => string) {
  console.log(`\n=== ${title} ===`);
  console.log(formatReport(summarize(scores)));
  if (pageText) {
    // The target counts fields "where the value is printed": the e-invoice truth the page does not show is left out.
    console.log('\nonly truth values printed on the page (the measure of the target):');
    console.log(formatReport(summarize(onlyPrinted(scores, pageText))).split('\nclass recall')[0]);
  }
  if (failures.length > 0) console.log(`\nnot read (${failures.length}):\n  ${failures.join('\n  ')}`);
  if (showWrong) console.log(`\nwrong or missing fields:\n${formatWrong(scores) || '  none'}`);
}

/** The OCR driver (native tesseract when it works, else tesseract.js) and the scan settings the benchmarks read images with. */
export async function ocrScan(args: readonly string[]): Promise<{ driver: OcrDriver; scan: ScanSettings; reason: string }> {
  const choice = await chooseOcrDriver({ prefer: (option([...args], '--ocr') ?? 'auto') as 'auto' });
  const scan: ScanSettings = { ocr: async () => choice.driver, languages: ['deu', 'eng'], pageTimeoutMs: 60_000, parallelPages: 2, maxPixels: 100_000_000 };
  return { driver: choice.driver, scan, reason: choice.reason };
}

export async function run(args: string[]): Promise<void> {
  if (args.includes('--corpus') || args.includes('--holdout') || args.includes('--dev')) {
    await (await import('./extraction/corpus.ts')).runCorpus(args);
    return;
  }
  const fixtures = path.resolve(option(args, '--fixtures') ?? path.resolve(import.meta.dirname, '../../shared/fixtures/public'));
  if (!existsSync(path.join(fixtures, 'truth.jsonl'))) {
    console.log(`extraction benchmark skipped: no truth.jsonl in ${fixtures} (pass --fixtures DIR)`);
    return;
  }
  const showWrong = args.includes('--wrong');
  const rows = await readTruth(fixtures);
  const started = performance.now();

  const xmlScores: DocumentScore[] = [];
  const xmlFailures: string[] = [];
  const textScores: DocumentScore[] = [];
  const textFailures: string[] = [];
  const imageScores: DocumentScore[] = [];
  const imageFailures: string[] = [];
  const receiptScores: ReceiptScore[] = [];
  const receiptFailures: string[] = [];
  /** The text layer of each PDF without its XML: what the page prints. */
  const pageTexts = new Map<string, string>();
  const pageText = (file: string) => pageTexts.get(file) ?? '';
  const receipts = (await readRawTruth(fixtures)).filter((row) => row.modality === 'image' && row.type === 'receipt');
  let driver: OcrDriver | undefined;
  let ocr: UnderstandOptions | undefined;
  if (!args.includes('--no-ocr')) {
    const choice = await ocrScan(args);
    driver = choice.driver;
    console.log(`OCR: ${choice.reason}`);
    ocr = { maxPages: MAX_PAGES, scan: choice.scan };
  }
  let skipped = 0;
  const receiptsOnly = args.includes('--receipts') && ocr !== undefined;
  for (const row of receiptsOnly ? [] : rows) {
    const bytes = new Uint8Array(await readFile(path.join(fixtures, row.file)));
    if (row.modality === 'xml') {
      const { score, failed } = await understood(row, () => understandFile(bytes, 'application/xml', { maxPages: MAX_PAGES }));
      xmlScores.push(score);
      if (failed) xmlFailures.push(`${row.file}: ${failed}`);
      continue;
    }
    if (row.modality !== 'pdf') {
      if (!ocr) skipped += 1;
      continue;
    }
    if (row.syntax) {
      const { score, failed } = await understood(row, () => understandFile(bytes, 'application/pdf', { maxPages: MAX_PAGES }));
      xmlScores.push(score);
      if (failed) xmlFailures.push(`${row.file}: ${failed}`);
    }
    const stripped = row.syntax ? await withoutAttachments(bytes) : bytes;
    if (findEInvoiceAttachment((await readPdf(stripped)).attachments)) {
      textFailures.push(`${row.file}: the XML attachment could not be removed; left out`);
      continue;
    }
    pageTexts.set(row.file, (await readPdf(stripped)).pages.map((page) => page.text).join('\f'));
    const { score, failed } = await understood(row, () => understandFile(stripped, 'application/pdf', { maxPages: MAX_PAGES }));
    textScores.push(score);
    if (failed) textFailures.push(`${row.file}: ${failed}`);
    if (ocr) {
      // The printed pages as a scanner at 150 dpi would deliver them: grayscale images, no text layer.
      const images = await pageImages(stripped, 150);
      const scanned = await understood(row, () => understandFiles(images.map((png) => ({ bytes: png, mime: 'image/png' })), ocr));
      imageScores.push(scanned.score);
      if (scanned.failed) imageFailures.push(`${row.file}: ${scanned.failed}`);
    }
  }
  if (ocr) {
    for (const row of args.includes('--no-receipts') ? [] : receipts) {
      const bytes = new Uint8Array(await readFile(path.join(fixtures, row.file)));
      let understanding: Understanding | undefined;
      try {
        understanding = await understandFiles([{ bytes, mime: 'image/jpeg' }], ocr);
      } catch (error) {
        if (!(error instanceof UnreadableDocumentError)) throw error;
        receiptFailures.push(`${row.file}: ${error.message}`);
      }
      receiptScores.push(scoreReceipt(row, understanding));
    }
  }
  await driver?.close();

  console.log(`extraction benchmark on ${fixtures}: ${rows.length} truth rows${skipped ? `, ${skipped} photos skipped (--no-ocr)` : ''}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (receiptsOnly) {
    printReceipts(receiptScores, receiptFailures, showWrong);
    return;
  }
  print('e-invoice XML (standalone, and embedded in hybrid PDFs); target 100 % of the fields it contains', xmlScores, xmlFailures, showWrong);
  print('text layer only (the same PDFs with the XML attachment removed); target >= 95 % for amount, issue_date, invoice_number, iban, seller where printed', textScores, textFailures, showWrong, pageText);
  if (ocr) {
    print('OCR of the same PDFs rendered as 150 dpi grayscale page images; target >= 85 % for amount, issue_date, invoice_number, iban, seller where printed', imageScores, imageFailures, showWrong, pageText);
    if (!args.includes('--no-receipts')) printReceipts(receiptScores, receiptFailures, showWrong);
  }
}

/** Page images of a PDF at `dpi`, 8-bit grayscale, as a scanner would deliver them. */
async function pageImages(pdf: Uint8Array, dpi: number): Promise<Uint8Array[]> {
  const { pageCount } = await readPdf(pdf, { maxPages: 0 });
  const images: Uint8Array[] = [];
  for (let page = 1; page <= Math.min(pageCount, MAX_PAGES); page += 1) {
    const png = await renderPage(pdf, page, { dpi, maxPixels: 100_000_000 });
    images.push(new Uint8Array(await sharp(png).flatten({ background: '#ffffff' }).grayscale().png().withMetadata({ density: dpi }).toBuffer()));
  }
  return images;
}

interface RawReceipt {
  file: string;
  modality: string;
  type: string;
  total_raw?: string;
  issue_date_raw?: string;
  seller?: string;
}

interface ReceiptScore {
  file: string;
  total: { expected: string; got?: string; correct: boolean };
  date: { expected: string; got?: string; correct: boolean };
}

async function readRawTruth(fixtures: string): Promise<RawReceipt[]> {
  return (await readFile(path.join(fixtures, 'truth.jsonl'), 'utf8')).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as RawReceipt);
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The receipts' truth is printed text ("RM 34.80", "28-12-17", "12 MAR 2018"): normalised here for comparison only. */
function truthDate(raw: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (iso) return raw;
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(raw);
  if (numeric) {
    const year = numeric[3]!.length === 2 ? `20${numeric[3]}` : numeric[3]!;
    return `${year}-${numeric[2]!.padStart(2, '0')}-${numeric[1]!.padStart(2, '0')}`;
  }
  const named = /^(\d{1,2}) ([A-Z]{3}) (\d{4})$/i.exec(raw);
  if (named) return `${named[3]}-${String(MONTHS.indexOf(named[2]!.toUpperCase()) + 1).padStart(2, '0')}-${named[1]!.padStart(2, '0')}`;
  return undefined;
}

function scoreReceipt(row: RawReceipt, understanding: Understanding | undefined): ReceiptScore {
  const expectedTotal = (row.total_raw ?? '').replace(/[^0-9.]/g, '');
  const gotTotal = understanding?.facts.amount ?? understanding?.facts.amount_due;
  const expectedDate = truthDate((row.issue_date_raw ?? '').trim()) ?? '?';
  const gotDate = understanding?.facts.issue_date;
  return {
    file: row.file,
    total: { expected: expectedTotal, ...(gotTotal ? { got: gotTotal } : {}), correct: gotTotal !== undefined && Math.round(Number(gotTotal) * 100) === Math.round(Number(expectedTotal) * 100) },
    date: { expected: expectedDate, ...(gotDate ? { got: gotDate } : {}), correct: gotDate === expectedDate },
  };
}

function printReceipts(scores: ReceiptScore[], failures: string[], showWrong: boolean) {
  const share = (pick: (score: ReceiptScore) => boolean) => `${((100 * scores.filter(pick).length) / Math.max(1, scores.length)).toFixed(1)} % (${scores.filter(pick).length}/${scores.length})`;
  console.log('\n=== receipt photos (SROIE); target >= 85 % for total and date ===');
  console.log(`total   ${share((score) => score.total.correct)}`);
  console.log(`date    ${share((score) => score.date.correct)}`);
  if (failures.length > 0) console.log(`\nnot read (${failures.length}):\n  ${failures.join('\n  ')}`);
  if (showWrong) {
    for (const score of scores) {
      if (!score.total.correct) console.log(`${score.file}  total: expected ${score.total.expected}, got ${score.total.got ?? '-'}`);
      if (!score.date.correct) console.log(`${score.file}  date: expected ${score.date.expected}, got ${score.date.got ?? '-'}`);
    }
  }
}
