/**
 * Debian's `tesseract` (5.3 with tesseract-ocr-deu/-eng/-osd, scripts/install-ocr.sh), one process
 * per page. About 1.5-2x faster than tesseract.js and as fast as running `tesseract` by hand, and a
 * process can always be killed: a page that runs past its time limit ends with SIGKILL, nothing
 * lingers.
 *
 * - The page goes in on stdin as PNG (page-image.models.ts), hOCR comes out on stdout (hocr.models.ts
 *   says why hOCR and not TSV). No temporary files.
 * - `OMP_THREAD_LIMIT=1` unless the operator set it: with OpenMP's default threads tesseract spends
 *   more time synchronising than reading (5 s instead of 0.85 s per page on 2 cores).
 * - `--oem 1` (LSTM only: the better engine, and what tesseract.js runs too) and `--psm 3` (fully
 *   automatic layout, no OSD; tesseract's default). Letters mix an address window, a side column,
 *   running text and tables: psm 3 segments them into blocks, and hocr.models lays the words out
 *   again by position, so the order tesseract reads the blocks in does not matter. psm 6 (one
 *   uniform block) assumes a layout a letter does not have, and psm 11 (sparse text) gives up
 *   line finding; both read the same 74 words of the test letter, so nothing pays for the
 *   assumption. The factory's `psm` can change it. A caller that knows the page is one column
 *   (a till slip) asks for `layout: 'block'`, psm 6: psm 3 can lose a slip's amounts, printed far
 *   right of their labels, as a block of their own it then does not read.
 * - `--dpi` only when the caller knows it; otherwise tesseract estimates it from the letters.
 * - Rotation: `--psm 0` with the `osd` model (tesseract's orientation and script detection).
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { preparePageImage } from '../../page-image.models.ts';
import { ocrResultFromHocr } from '../../hocr.models.ts';
import { OcrError } from '../../ocr.errors.ts';
import { orientationFromOsd, type RotationGuess } from '../../rotation.models.ts';
import { OcrTimeoutError, type OcrDriver, type OcrOptions, type OcrResult } from '../../ocr.types.ts';

export interface TesseractDriverOptions {
  /** The executable; `tesseract` from PATH by default. */
  binary?: string;
  /** Page segmentation mode for recognition (default 3, see above). */
  psm?: number;
}

export interface NativeTesseractStatus {
  ok: boolean;
  version?: string;
  languages?: string[];
  reason?: string;
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** `layout: 'block'`: one uniform block of text. */
const BLOCK_PSM = 6;
/** `threshold: 'adaptive'`: tesseract's `thresholding_method` 2. */
const SAUVOLA = 2;

export function createTesseractDriver({ binary = 'tesseract', psm = 3 }: TesseractDriverOptions = {}): OcrDriver {
  let installed: Promise<string[]> | undefined;
  const installedLanguages = () => (installed ??= listLanguages(binary));

  async function requireLanguages(languages: readonly string[]): Promise<void> {
    const available = await installedLanguages();
    const missing = languages.filter((language) => !available.includes(language));
    if (missing.length > 0) {
      throw new OcrError('language_missing', `tesseract lacks the language data ${missing.join(', ')} (install ${missing.map((code) => `tesseract-ocr-${code}`).join(' ')}).`);
    }
  }

  return {
    name: 'tesseract',

    async recognize(image: Uint8Array, options: OcrOptions): Promise<OcrResult> {
      const deadline = startDeadline(options.timeoutMs);
      await requireLanguages(options.languages);
      const page = await preparePageImage(image, { format: 'png' });
      const languages = options.languages.join('+');
      const args = ['stdin', 'stdout', '-l', languages, '--oem', '1', '--psm', String(options.layout === 'block' ? BLOCK_PSM : psm)];
      if (options.dpi) args.push('--dpi', String(Math.round(options.dpi)));
      if (options.threshold === 'adaptive') args.push('-c', `thresholding_method=${SAUVOLA}`);
      args.push('hocr');
      const { stdout } = await run(binary, args, page.bytes, deadline());
      return ocrResultFromHocr(stdout, { width: page.width, height: page.height, languages });
    },

    async detectRotation(image: Uint8Array, options: OcrOptions): Promise<RotationGuess> {
      const deadline = startDeadline(options.timeoutMs);
      await requireLanguages(['osd']);
      const page = await preparePageImage(image, { format: 'png' });
      const args = ['stdin', 'stdout', '-l', 'osd', '--psm', '0'];
      if (options.dpi) args.push('--dpi', String(Math.round(options.dpi)));
      try {
        const { stdout } = await run(binary, args, page.bytes, deadline());
        const degrees = /Orientation in degrees:\s*(\d+)/.exec(stdout)?.[1];
        const confidence = /Orientation confidence:\s*([\d.]+)/.exec(stdout)?.[1];
        if (degrees === undefined || confidence === undefined) throw new OcrError('engine_failed', `tesseract gave no orientation: ${stdout.slice(0, 200)}`);
        // "Orientation in degrees" is how far the page is turned clockwise ("Rotate" is the fix).
        return orientationFromOsd(Number(degrees), Number(confidence));
      } catch (error) {
        // Too little text to tell (a blank page, a photo): upright, with no confidence.
        if (error instanceof OcrError && /Too few characters/i.test(error.message)) return { rotation: 0, confidence: 0 };
        throw error;
      }
    },

    async close() {
      // Nothing long-lived: every page is its own process.
    },
  };
}

/** Whether `tesseract` runs here, and with which languages (Workmate needs deu, eng and osd). */
export async function nativeTesseractAvailable({
  binary = 'tesseract',
  languages = ['deu', 'eng', 'osd'],
}: { binary?: string; languages?: readonly string[] } = {}): Promise<NativeTesseractStatus> {
  let version: string;
  try {
    const { stdout, stderr } = await run(binary, ['--version'], undefined, 10_000);
    version = /tesseract\s+v?([\d.]+\S*)/i.exec(`${stdout}\n${stderr}`)?.[1] ?? 'unknown';
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `${binary} does not run (${detail}); scripts/install-ocr.sh installs it` };
  }
  const installed = await listLanguages(binary).catch((): string[] => []);
  const missing = languages.filter((language) => !installed.includes(language));
  if (missing.length > 0) {
    return { ok: false, version, languages: installed, reason: `tesseract ${version} lacks ${missing.join(', ')}; scripts/install-ocr.sh installs them` };
  }
  return { ok: true, version, languages: installed };
}

async function listLanguages(binary: string): Promise<string[]> {
  const { stdout } = await run(binary, ['--list-langs'], undefined, 10_000);
  // First line: 'List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):'
  return stdout
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => /^[\w-]+$/.test(line));
}

/**
 * The time left of `timeoutMs`, counted from now. At least 1 ms: a page that used its time up in
 * decoding still starts tesseract, which is then killed, so a time-out always ends the same way.
 */
function startDeadline(timeoutMs: number): () => number {
  const start = performance.now();
  return () => Math.max(1, Math.ceil(timeoutMs - (performance.now() - start)));
}

function run(binary: string, args: string[], input: Buffer | undefined, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      binary,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT_BYTES,
        encoding: 'utf8',
        env: { ...process.env, OMP_THREAD_LIMIT: process.env.OMP_THREAD_LIMIT ?? '1' },
      },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        if (!error) return resolve({ stdout, stderr });
        if (error.killed && error.signal === 'SIGKILL') return reject(new OcrTimeoutError('OCR gave up: tesseract ran past the time limit and was stopped'));
        const message = stderr.trim().split('\n').slice(-3).join(' ') || error.message;
        reject(new OcrError('engine_failed', `tesseract failed: ${message}`, { cause: error }));
      },
    );
    // The process may exit before it has read everything (a kill, a refusal): not our error to raise.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}
