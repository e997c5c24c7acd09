/**
 * tesseract.js reads language data from one folder (`langPath`), all languages of a worker side by
 * side, and without `langPath` it downloads from a CDN. The data comes from the npm packages
 * `@tesseract.js-data/<code>`; this module links their `.traineddata.gz` files into one folder of
 * ours. Links are made again at every start (node_modules may have moved); where a link cannot be
 * made the file is copied. Nothing is ever downloaded, and with `cacheMethod: 'none'` tesseract.js
 * writes nothing either.
 *
 * Which build of the data: `4.0.0_best_int` (LSTM only, integer "best" models) for reading; the
 * `osd` model exists only for the legacy engine, whose data is the `4.0.0` folder.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OcrError } from '../../ocr.errors.ts';

const require = createRequire(import.meta.url);

/** Where the npm package keeps `<code>.traineddata.gz`, or undefined when it is not installed. */
export function packagedLanguageFile(code: string): string | undefined {
  if (!/^[a-z_]+$/i.test(code)) return undefined;
  try {
    const packageDir = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
    return join(packageDir, code === 'osd' ? '4.0.0' : '4.0.0_best_int', `${code}.traineddata.gz`);
  } catch {
    return undefined;
  }
}

/** Makes sure `<folder>/<code>.traineddata.gz` is there for each language. */
export async function linkLanguages(folder: string, codes: readonly string[]): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const code of codes) {
    const source = packagedLanguageFile(code);
    if (!source) {
      throw new OcrError('language_missing', `tesseract.js has no data for "${code}" (the npm package @tesseract.js-data/${code} is not installed).`);
    }
    await requireGzip(source);
    // Made beside the target and renamed over it: another process starting on the same folder
    // never sees the file missing.
    const target = join(folder, `${code}.traineddata.gz`);
    const staging = `${target}.${process.pid}.${randomUUID()}`;
    try {
      await symlink(source, staging);
    } catch {
      await copyFile(source, staging);
    }
    try {
      await rename(staging, target);
    } finally {
      await rm(staging, { force: true });
    }
  }
}

/**
 * tesseract.js 7 takes the whole process down (an uncaught TypeError in its message listener) when
 * a language file fails to initialise, so a damaged file is refused here, before a worker sees it.
 */
async function requireGzip(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead < 2 || buffer[0] !== 0x1f || buffer[1] !== 0x8b) throw new OcrError('engine_failed', `${file} is not gzip-compressed language data; reinstall the package.`);
  } finally {
    await handle.close();
  }
}
