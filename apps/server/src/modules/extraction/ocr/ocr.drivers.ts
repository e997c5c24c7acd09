/**
 * Picks the OCR driver at start-up. `auto`: Debian's tesseract when it runs and has deu, eng and
 * osd (1.5-2x faster, scripts/install-ocr.sh), else tesseract.js with the data from npm, which works
 * everywhere. Asking for `tesseract` where it is missing is a start-up error, not a silent fallback.
 */
import { createTesseractJsDriver, type TesseractJsDriverOptions } from './drivers/tesseract-js/tesseract-js.driver.ts';
import { createTesseractDriver, nativeTesseractAvailable, type TesseractDriverOptions } from './drivers/tesseract/tesseract.driver.ts';
import { OcrError } from './ocr.errors.ts';
import type { OcrDriver } from './ocr.types.ts';

export type OcrDriverPreference = 'auto' | 'tesseract' | 'tesseract.js';

export interface CreateOcrDriverOptions {
  prefer?: OcrDriverPreference;
  /** Workmate's data folder (tesseract.js links its language files under `<dataDir>/ocr/`). */
  dataDir?: string;
  tesseract?: TesseractDriverOptions;
  tesseractJs?: Omit<TesseractJsDriverOptions, 'dataDir'>;
}

export interface OcrDriverChoice {
  driver: OcrDriver;
  /** Why this driver, for the start-up log ("tesseract 5.3.0 with deu, eng, osd"). */
  reason: string;
}

export async function createOcrDriver(options: CreateOcrDriverOptions = {}): Promise<OcrDriver> {
  return (await chooseOcrDriver(options)).driver;
}

export async function chooseOcrDriver({ prefer = 'auto', dataDir, tesseract, tesseractJs }: CreateOcrDriverOptions = {}): Promise<OcrDriverChoice> {
  if (prefer !== 'tesseract.js') {
    const native = await nativeTesseractAvailable({ binary: tesseract?.binary });
    if (native.ok) {
      return { driver: createTesseractDriver(tesseract), reason: `tesseract ${native.version} with ${native.languages?.join(', ')}` };
    }
    if (prefer === 'tesseract') throw new OcrError('engine_failed', `OCR driver "tesseract" was asked for, but ${native.reason}.`);
    const driver = await createTesseractJsDriver({ ...tesseractJs, dataDir });
    return { driver, reason: `tesseract.js, because ${native.reason}` };
  }
  return { driver: await createTesseractJsDriver({ ...tesseractJs, dataDir }), reason: 'tesseract.js, as configured' };
}
