import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ocrDriverTestSuite } from '../../ocr.test-suite.ts';
import { letterPage } from '../../ocr.test-pages.ts';
import { createWorker, OEM } from 'tesseract.js';
import { linkLanguages } from './tesseract-js.data.ts';
import { createTesseractJsDriver, whenThreadDies } from './tesseract-js.driver.ts';

ocrDriverTestSuite('tesseract.js', () => createTesseractJsDriver());

describe('tesseract.js driver: workers and their memory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'workmate-ocr-data-'));
  const options = { languages: ['deu', 'eng'], timeoutMs: 60_000 };
  let made: Promise<Buffer> | undefined;
  const strip = () => (made ??= letterPage({ dpi: 150 }).then((page) => sharp(page).extract({ left: 0, top: 260, width: 1240, height: 120 }).png().toBuffer()));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('retires a worker after maxPagesPerWorker pages, and keeps the language links in the data folder', { timeout: 90_000 }, async () => {
    const image = await strip();
    const driver = await createTesseractJsDriver({ dataDir, maxPagesPerWorker: 2 });
    try {
      for (let page = 0; page < 3; page++) expect((await driver.recognize(image, options)).text).toContain('Rechnungsnummer');
      expect(driver.stats()).toEqual({ pages: 3, workersStarted: 2, workersRetired: 1 });
    } finally {
      await driver.close();
    }
    const links = readdirSync(join(dataDir, 'ocr', 'tesseract.js')).sort();
    expect(links).toEqual(['deu.traineddata.gz', 'eng.traineddata.gz', 'osd.traineddata.gz']);
  });

  it('retires a worker when the process grew past maxRssGrowthBytes since it started', { timeout: 90_000 }, async () => {
    let rss = 500e6;
    const driver = await createTesseractJsDriver({ maxRssGrowthBytes: 200e6, rss: () => rss });
    try {
      await driver.recognize(await strip(), options);
      expect(driver.stats()).toMatchObject({ workersStarted: 1, workersRetired: 0 });
      rss = 800e6;
      await driver.recognize(await strip(), options);
      expect(driver.stats()).toMatchObject({ workersStarted: 1, workersRetired: 1 });
      await driver.recognize(await strip(), options);
      expect(driver.stats()).toMatchObject({ pages: 3, workersStarted: 2, workersRetired: 1 });
    } finally {
      await driver.close();
    }
    await expect(driver.recognize(await strip(), options)).rejects.toMatchObject({ code: 'ocr.engine_failed' });
  });

  it('notices when a worker thread ends, instead of waiting for its job forever', { timeout: 60_000 }, async () => {
    const langPath = join(dataDir, 'thread-test');
    await linkLanguages(langPath, ['eng']);
    const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true, errorHandler: () => {} });
    let dead = false;
    const died = whenThreadDies(worker, () => (dead = true));
    // What a crash inside the thread (a WebAssembly abort) looks like from outside: the thread ends.
    const thread: { terminate(): Promise<number> } = Reflect.get(worker, 'worker');
    await thread.terminate();
    await expect(died).rejects.toMatchObject({ code: 'ocr.engine_failed', message: expect.stringContaining('ended') });
    expect(dead).toBe(true);
  });

  it('never writes language data into the working directory (cacheMethod none)', () => {
    expect(readdirSync(process.cwd()).filter((name) => name.includes('traineddata'))).toEqual([]);
    expect(existsSync(join(process.cwd(), 'deu.traineddata'))).toBe(false);
  });
});
