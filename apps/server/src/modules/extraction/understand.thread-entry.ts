/**
 * The thread that reads documents (see understand.thread.ts): parsing untrusted PDFs, XML and
 * images, and OCR, run here, away from the job worker, so a document that hangs or crashes a
 * parser costs only this thread, which is then replaced. The OCR driver is made on first use and
 * kept for the thread's life.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { chooseOcrDriver } from './ocr/ocr.drivers.ts';
import type { OcrDriver } from './ocr/ocr.types.ts';
import type { ReadingRequest } from './understand.thread.ts';
import { makeThumbnail } from './thumbnail.models.ts';
import { UnreadableDocumentError, understandFiles, type UnreadableReason } from './understand.models.ts';

// libvips' operation cache keeps decoded images alive between documents; this thread reads one
// document at a time and would rather give the memory back.
sharp.cache(false);

/** Failures after which page 1 can still be shown: the file is fine, its text is not readable. */
const DRAWABLE_FAILURES = new Set<UnreadableReason>(['needs_ocr', 'no_text']);

let driver: Promise<OcrDriver> | undefined;

function ocrDriver(request: ReadingRequest): Promise<OcrDriver> {
  const settings = request.options.ocr!;
  driver ??= chooseOcrDriver({ prefer: settings.driver, ...(settings.dataDir ? { dataDir: settings.dataDir } : {}) }).then(({ driver: chosen, reason }) => {
    parentPort?.postMessage({ id: 0, log: `OCR: ${reason}` });
    return chosen;
  });
  // A failed start is not kept: the next document tries again.
  driver.catch(() => (driver = undefined));
  return driver;
}

parentPort?.on('message', (request: ReadingRequest) => {
  const { ocr, maxPages, today } = request.options;
  const scan = ocr
    ? { ocr: () => ocrDriver(request), languages: ocr.languages, pageTimeoutMs: ocr.pageTimeoutMs, parallelPages: ocr.parallelPages, maxPixels: ocr.maxPixels }
    : undefined;
  const first = request.files[0]!;
  // The thumbnail is drawn here too: rendering an untrusted PDF is as risky as reading it.
  const picture = () => makeThumbnail(first.bytes, first.mime).catch(() => null);
  understandFiles(request.files, { maxPages, ...(scan ? { scan } : {}), ...(today ? { today } : {}) }).then(
    async (result) => parentPort?.postMessage({ id: request.id, result, thumbnail: await picture() }),
    async (error: unknown) => {
      const readable = error instanceof UnreadableDocumentError;
      const thumbnail = readable && DRAWABLE_FAILURES.has(error.reason) ? await picture() : null;
      parentPort?.postMessage({
        id: request.id,
        thumbnail,
        error: readable ? { reason: error.reason, message: error.message } : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      });
    },
  );
});
