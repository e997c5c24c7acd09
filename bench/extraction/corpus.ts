/**
 * The extraction benchmark on Workmate's own corpus (bench/corpus, docs/corpus.md):
 *   npm run bench:extraction -- --corpus [--dev] [--holdout] [--renditions pdf,photo] [--out DIR] [--limit N]
 *                               [--per-class N] [--seed S] [--wrong] [--no-ocr] [--ocr tesseract|tesseract.js]
 * `--corpus` scores the main family, `--dev` the dev family (a second development family),
 * `--holdout` the holdout family; several flags score several families, each printed apart, and
 * `--dev` or `--holdout` without `--corpus` leaves the main family out.
 * A family is generated into DIR (default bench/corpus/out) unless it is there already with the same
 * seed, size, renditions and generator code (corpus.json's `source` hash). Every file goes through the real cascade, `understandFile` with the
 * letter's date as `today`; then class recall, the confusion matrix, the fields each class is
 * about, and the dunning-to-invoice link (when the linker exists) are printed per family and rendition.
 * `--wrong` lists every miss; use it on the main and dev families only (the holdout family is not for tuning).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UnreadableDocumentError, understandFile, type UnderstandOptions } from '../../apps/server/src/modules/extraction/understand.models.ts';
import type { OcrDriver } from '../../apps/server/src/modules/extraction/ocr/ocr.types.ts';
import type { ScanSettings } from '../../apps/server/src/modules/extraction/scan.models.ts';
import type { CorpusTruthRow, Family, Rendition } from '../corpus/corpus.types.ts';
import { DEFAULT_OUT, DEFAULT_PER_CLASS, DEFAULT_SEED, FamilyMissingError, generateCorpus, parseRenditions, readManifest, sourceHash } from '../corpus/generate.ts';
import { readCorpusTruth, RENDITIONS } from '../corpus/render/truth.ts';
import { ocrScan } from '../extraction.bench.ts';
import { corpusReport, formatCorpusReport, formatCorpusWrong, formatSummary, type CorpusReport } from './corpus-report.ts';
import { selectRows, type CorpusOutcome, type LinkDunning } from './corpus-score.ts';

const MAX_PAGES = 50;
const MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', tif: 'image/tiff', jpg: 'image/jpeg' };
const LINKER = path.resolve(import.meta.dirname, '../../apps/server/src/modules/extraction/dunning/link.models.ts');

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

/** `linkDunning` from the dunning module, or undefined while it does not exist. */
export async function loadLinker(file = LINKER): Promise<LinkDunning | undefined> {
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as { linkDunning?: LinkDunning };
  return typeof module.linkDunning === 'function' ? module.linkDunning : undefined;
}

/** The family folder, generated first when missing or made with other settings. */
async function ensureCorpus(family: Family, out: string, perClass: number, seed: number, renditions: readonly Rendition[]): Promise<string> {
  const dir = path.join(out, family);
  const manifest = await readManifest(dir);
  const same = manifest && manifest.seed === seed && manifest.perClass === perClass && manifest.source === (await sourceHash(family));
  if (same && renditions.every((rendition) => manifest.renditions.includes(rendition))) return dir;
  // Keep the renditions already there (same seed and size) so that a photo run does not undo a scan run.
  const wanted = RENDITIONS.filter((rendition) => renditions.includes(rendition) || (same && manifest.renditions.includes(rendition)));
  console.log(`generating the ${family} family into ${dir} (${perClass} per class, seed ${seed}, ${wanted.join(', ')}) ...`);
  const started = performance.now();
  await generateCorpus({ family, out, perClass, seed, renditions: wanted, log: (line) => console.log(line) });
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

async function understandRow(out: string, row: CorpusTruthRow, scan: ScanSettings | undefined): Promise<CorpusOutcome> {
  const bytes = new Uint8Array(await readFile(path.join(out, row.file)));
  const ext = row.file.slice(row.file.lastIndexOf('.') + 1);
  const mime = MIME[ext];
  if (!mime) throw new Error(`${row.file}: unknown file type`);
  const options: UnderstandOptions = { maxPages: MAX_PAGES, today: row.as_of, ...(scan ? { scan } : {}) };
  const started = performance.now();
  try {
    const understanding = await understandFile(bytes, mime, options);
    return { row, predicted: understanding.type, facts: understanding.facts, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (!(error instanceof UnreadableDocumentError)) throw error;
    return { row, predicted: 'none', facts: {}, failed: error.message, seconds: (performance.now() - started) / 1000 };
  }
}

/** The families a run scores: `--corpus` main, `--dev` dev, `--holdout` holdout; main when none of them is given. */
export function corpusFamilies(args: readonly string[]): Family[] {
  const dev = args.includes('--dev');
  const holdout = args.includes('--holdout');
  const main = args.includes('--corpus') || (!dev && !holdout);
  return [...(main ? ['main' as const] : []), ...(dev ? ['dev' as const] : []), ...(holdout ? ['holdout' as const] : [])];
}

export async function runCorpus(args: string[]): Promise<void> {
  const families = corpusFamilies(args);
  const renditions = parseRenditions(option(args, '--renditions'), ['pdf', 'photo']);
  const out = path.resolve(option(args, '--out') ?? DEFAULT_OUT);
  const perClass = Number(option(args, '--per-class') ?? DEFAULT_PER_CLASS);
  const seed = Number(option(args, '--seed') ?? DEFAULT_SEED);
  const limitText = option(args, '--limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new Error('--limit must be a positive integer');
  const showWrong = args.includes('--wrong');
  const images = renditions.filter((rendition) => rendition !== 'pdf');
  const noOcr = args.includes('--no-ocr');

  const started = performance.now();
  const link = await loadLinker();
  let ocr: { driver: OcrDriver; scan: ScanSettings } | undefined;
  if (images.length > 0 && !noOcr) {
    const choice = await ocrScan(args);
    ocr = choice;
    console.log(`OCR: ${choice.reason}`);
  }
  const reports: CorpusReport[] = [];
  try {
    for (const family of families) {
      let dir: string;
      try {
        dir = await ensureCorpus(family, out, perClass, seed, renditions);
      } catch (error) {
        if (!(error instanceof FamilyMissingError)) throw error;
        console.log(`\n${family} family: not available (${error.message})`);
        continue;
      }
      const rows = await readCorpusTruth(dir);
      for (const rendition of renditions) {
        if (rendition !== 'pdf' && noOcr) {
          console.log(`\n${family} · ${rendition}: skipped (--no-ocr)`);
          continue;
        }
        const selected = selectRows(rows.filter((row) => row.rendition === rendition), limit);
        const begun = performance.now();
        const outcomes: CorpusOutcome[] = [];
        for (const row of selected) outcomes.push(await understandRow(out, row, rendition === 'pdf' ? undefined : ocr?.scan));
        const seconds = (performance.now() - begun) / 1000;
        const title = `corpus ${family} · ${rendition}${limit !== undefined ? ` (--limit ${limit})` : ''}`;
        const report = corpusReport(title, outcomes, link, seconds);
        reports.push(report);
        console.log(`\n${formatCorpusReport(report)}`);
        if (showWrong) console.log(`\nwrong or missing:\n${formatCorpusWrong(outcomes, report) || '  none'}`);
      }
    }
  } finally {
    await ocr?.driver.close();
  }
  if (reports.length > 0) console.log(formatSummary(reports));
  console.log(`\ncorpus benchmark: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
}
