/**
 * tesseract.js 7 (tesseract 5 compiled to WebAssembly, in a worker thread) with the language data
 * from npm: works on any machine Node runs on, never downloads. Used when Debian's tesseract is not
 * installed; about 1.5-2x slower than it (an A4 page at 300 dpi: 1.4-2.5 s against 0.8-1.3 s).
 *
 * - Workers are started once and reused: one for reading (LSTM core, `deu+eng` by default) and,
 *   from the first rotation question on, one for orientation. Pages go through them one at a time
 *   (a worker runs one job at a time anyway, and a page's time limit should not count the wait).
 * - A page past its time limit terminates the worker (a WebAssembly call cannot be interrupted any
 *   other way) and throws OcrTimeoutError; the next page starts a new worker.
 * - Memory: WebAssembly memory only grows, to what the largest page needed, and is given back only
 *   when the worker ends. A worker is retired after `maxPagesPerWorker` pages, or when the
 *   process's resident memory has grown more than `maxRssGrowthBytes` since it started. RSS is the
 *   whole process's (a thread's memory cannot be told apart), so other work can retire a worker
 *   early; that costs one restart (under a second).
 * - A worker whose thread fails or ends fails its page with `ocr.engine_failed` at once (instead of
 *   waiting for the time limit), and the next page starts a new one.
 * - Rotation: tesseract's own orientation detection (`worker.detect()`), which needs the legacy
 *   core and the `osd` model; both ship with tesseract.js-core and @tesseract.js-data/osd, so
 *   both drivers answer with the same algorithm (rotation.models.ts).
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { ocrResultFromHocr } from '../../hocr.models.ts';
import { OcrError } from '../../ocr.errors.ts';
import { OcrTimeoutError, type OcrDriver, type OcrOptions, type OcrResult } from '../../ocr.types.ts';
import { preparePageImage } from '../../page-image.models.ts';
import { orientationFromOsd, type RotationGuess } from '../../rotation.models.ts';
import { linkLanguages, packagedLanguageFile } from './tesseract-js.data.ts';

export interface TesseractJsDriverOptions {
  /** Workmate's data folder: the language files are linked into `<dataDir>/ocr/tesseract.js/`. Without it, a temporary folder that close() removes. */
  dataDir?: string;
  /** Languages the reading worker starts with (default deu+eng); a page asking for others restarts it. */
  languages?: readonly string[];
  /** Page segmentation mode (default 3, as the native driver). */
  psm?: number;
  /** Retire a worker after this many pages (default 200). */
  maxPagesPerWorker?: number;
  /** Retire a worker when the process's RSS grew more than this since it started (default 512 MiB; 20 A4 pages at 300 dpi grow it by about 180 MiB, then about 2 MiB a page). */
  maxRssGrowthBytes?: number;
  /** Resident memory of the process in bytes (default process.memoryUsage.rss); replaceable in tests. */
  rss?: () => number;
}

export interface TesseractJsStats {
  /** Pages (and rotation questions) answered since the driver was made. */
  pages: number;
  /** Workers started so far, reading and orientation together. */
  workersStarted: number;
  /** Workers retired for the memory bound (not counting time-outs and close). */
  workersRetired: number;
}

export interface TesseractJsDriver extends OcrDriver {
  stats(): TesseractJsStats;
}

interface Running {
  worker: Worker;
  languages: string;
  pages: number;
  rssAtStart: number;
  /** Rejects when the worker's thread fails or ends; its jobs would otherwise wait forever. */
  died: Promise<never>;
  dead: boolean;
}

const DEFAULT_LANGUAGES = ['deu', 'eng'];

export async function createTesseractJsDriver(options: TesseractJsDriverOptions = {}): Promise<TesseractJsDriver> {
  const { psm = 3, maxPagesPerWorker = 200, maxRssGrowthBytes = 512 * 1024 ** 2, rss = () => process.memoryUsage.rss() } = options;
  const pageSegmentation = Object.values(PSM).find((mode) => mode === String(psm));
  if (pageSegmentation === undefined) throw new OcrError('engine_failed', `tesseract has no page segmentation mode ${psm}.`);
  const ownFolder = options.dataDir === undefined;
  const langPath = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'workmate-tesseract-js-')) : join(options.dataDir, 'ocr', 'tesseract.js');
  const startLanguages = options.languages ?? DEFAULT_LANGUAGES;
  await linkLanguages(langPath, [...new Set([...startLanguages, 'osd'])]);

  const stats: TesseractJsStats = { pages: 0, workersStarted: 0, workersRetired: 0 };
  let reader: Promise<Running> | undefined;
  let orienter: Promise<Running> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function start(languages: string, kind: 'read' | 'orient'): Promise<Running> {
    stats.workersStarted++;
    // Without an errorHandler tesseract.js rethrows a failed job inside its message listener, where
    // nothing can catch it: the process would die on one unreadable page. And createWorker's own
    // promise never settles when loading the language data fails; the handler hears of it.
    let failStart: (reason: unknown) => void = () => {};
    const startFailed = new Promise<never>((_, reject) => {
      failStart = (reason) => reject(new OcrError('engine_failed', `tesseract.js could not start: ${String(reason)}`, { cause: reason }));
    });
    const common = { langPath, cacheMethod: 'none', gzip: true, errorHandler: (reason: unknown) => failStart(reason) };
    const worker = await Promise.race([
      kind === 'read'
        ? createWorker(languages, OEM.LSTM_ONLY, common)
        : createWorker('osd', OEM.TESSERACT_ONLY, { ...common, legacyCore: true, legacyLang: true }),
      startFailed,
    ]);
    failStart = () => {};
    // tesseract's notes ("Estimating resolution as 300", "Too few characters") would go to the
    // server's stdout; failures still come back as rejected jobs.
    await worker.setParameters({ debug_file: '/dev/null' });
    const running: Running = { worker, languages, pages: 0, rssAtStart: rss(), died: new Promise<never>(() => {}), dead: false };
    running.died = whenThreadDies(worker, () => (running.dead = true));
    return running;
  }

  function stop(running: Promise<Running> | undefined): void {
    // A worker still starting is ended once it is up; a failed start has nothing to end.
    running?.then((current) => current.worker.terminate()).catch(() => {});
  }

  async function reading(languages: string): Promise<Running> {
    const current = reader ? await reader.catch(() => undefined) : undefined;
    if (current && !current.dead && current.languages === languages) return current;
    if (current) stop(reader);
    await linkLanguages(langPath, languages.split('+'));
    return (reader = forgetOnFailure(start(languages, 'read'), () => reader, () => (reader = undefined)));
  }

  async function orienting(): Promise<Running> {
    const current = orienter ? await orienter.catch(() => undefined) : undefined;
    if (current && !current.dead) return current;
    return (orienter = forgetOnFailure(start('osd', 'orient'), () => orienter, () => (orienter = undefined)));
  }

  /** Counts the page and retires the worker past the memory bound. */
  function done(running: Running, which: 'read' | 'orient'): void {
    running.pages++;
    stats.pages++;
    if (running.pages < maxPagesPerWorker && rss() - running.rssAtStart <= maxRssGrowthBytes) return;
    stats.workersRetired++;
    retire(which);
  }

  function retire(which: 'read' | 'orient'): void {
    if (which === 'read') {
      stop(reader);
      reader = undefined;
    } else {
      stop(orienter);
      orienter = undefined;
    }
  }

  /**
   * One page at a time; the time limit starts when the page's turn comes. A page that runs out of
   * time ends its worker (a WebAssembly call cannot be interrupted) and is aborted, so it takes no
   * further step while the next page already runs.
   */
  function serial<T>(timeoutMs: number, which: 'read' | 'orient', job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const turn = queue.then(async () => {
      if (closed) throw new OcrError('engine_failed', 'The OCR driver is closed.');
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new OcrTimeoutError(`OCR gave up after ${timeoutMs} ms`);
          controller.abort(error);
          retire(which);
          reject(error);
        }, timeoutMs);
      });
      try {
        return await Promise.race([job(controller.signal), timeout]);
      } finally {
        clearTimeout(timer);
      }
    });
    queue = turn.catch(() => {});
    return turn;
  }

  function requirePackaged(languages: readonly string[]): void {
    const missing = languages.filter((code) => packagedLanguageFile(code) === undefined);
    if (missing.length > 0) {
      throw new OcrError('language_missing', `tesseract.js has no data for ${missing.join(', ')} (npm packages ${missing.map((code) => `@tesseract.js-data/${code}`).join(' ')}).`);
    }
  }

  // Started now, so a broken installation shows at start-up and the first page does not wait.
  reader = forgetOnFailure(start(startLanguages.join('+'), 'read'), () => reader, () => (reader = undefined));
  try {
    await reader;
  } catch (error) {
    if (ownFolder) await rm(langPath, { recursive: true, force: true });
    throw error;
  }

  return {
    name: 'tesseract.js',

    recognize(image: Uint8Array, options: OcrOptions): Promise<OcrResult> {
      return serial(options.timeoutMs, 'read', async (signal) => {
        requirePackaged(options.languages);
        const languages = options.languages.join('+');
        const page = await preparePageImage(image, { format: 'pgm' });
        signal.throwIfAborted();
        const running = await reading(languages);
        signal.throwIfAborted();
        // 0 lets tesseract estimate the resolution from the letters' height.
        await running.worker.setParameters({
          user_defined_dpi: String(Math.round(options.dpi ?? 0)),
          tessedit_pageseg_mode: options.layout === 'block' ? PSM.SINGLE_BLOCK : pageSegmentation,
          // 0 Otsu over the page, 2 Sauvola per neighbourhood (OcrOptions.threshold).
          thresholding_method: options.threshold === 'adaptive' ? '2' : '0',
        });
        signal.throwIfAborted();
        const { data } = await Promise.race([running.worker.recognize(page.bytes, {}, { text: false, hocr: true }), running.died]).catch(engineFailed);
        done(running, 'read');
        return ocrResultFromHocr(data.hocr ?? '', { width: page.width, height: page.height, languages });
      });
    },

    detectRotation(image: Uint8Array, options: OcrOptions): Promise<RotationGuess> {
      return serial(options.timeoutMs, 'orient', async (signal) => {
        const page = await preparePageImage(image, { format: 'pgm' });
        signal.throwIfAborted();
        const running = await orienting();
        signal.throwIfAborted();
        await running.worker.setParameters({ user_defined_dpi: String(Math.round(options.dpi ?? 0)) });
        signal.throwIfAborted();
        const { data } = await Promise.race([running.worker.detect(page.bytes), running.died]).catch(engineFailed);
        done(running, 'orient');
        // Too little text to tell: upright, with no confidence.
        if (data.orientation_degrees === null || data.orientation_confidence === null) return { rotation: 0, confidence: 0 };
        // tesseract.js reports the turn that fixes the page (the CLI's "Rotate"), not how far it is turned.
        return orientationFromOsd((360 - data.orientation_degrees) % 360, data.orientation_confidence);
      });
    },

    stats: () => ({ ...stats }),

    async close() {
      closed = true;
      await queue;
      stop(reader);
      stop(orienter);
      reader = undefined;
      orienter = undefined;
      if (ownFolder) await rm(langPath, { recursive: true, force: true });
    },
  };
}

/** A failed start is forgotten (the next page tries again), unless another start replaced it meanwhile. */
function forgetOnFailure<T>(starting: Promise<T>, current: () => Promise<T> | undefined, forget: () => void): Promise<T> {
  starting.catch(() => {
    if (current() === starting) forget();
  });
  return starting;
}

/**
 * tesseract.js listens to its thread's messages only: an uncaught error in the thread would be an
 * unhandled 'error' event in this process (a crash), and a thread that ended leaves its jobs
 * pending. The thread handle is not in tesseract.js's types, hence the lookup by name.
 */
export function whenThreadDies(worker: Worker, markDead: () => void): Promise<never> {
  const thread: unknown = Reflect.get(worker, 'worker');
  const died = new Promise<never>((_, reject) => {
    if (!(thread instanceof EventEmitter)) return;
    thread.on('error', (error: unknown) => {
      markDead();
      reject(new OcrError('engine_failed', `The tesseract.js worker failed: ${String(error)}`, { cause: error }));
    });
    thread.once('exit', (code: unknown) => {
      markDead();
      reject(new OcrError('engine_failed', `The tesseract.js worker ended (exit code ${String(code)}).`));
    });
  });
  died.catch(() => {});
  return died;
}

function engineFailed(error: unknown): never {
  if (error instanceof OcrError) throw error;
  throw new OcrError('engine_failed', `tesseract.js failed: ${String(error)}`, { cause: error });
}
