/**
 * Development helper: what the OCR path reads from photos and scans, and the facts it takes from it.
 *   npx tsx bench/extraction/ocr-dump.dev.ts FILE... (TEXT=0 prints only the facts and sources)
 * Uses the benchmark's OCR driver and scan settings (`ocrScan`), so it shows what bench:extraction sees.
 */
import { readFile } from 'node:fs/promises';
import { understandFiles } from '../../apps/server/src/modules/extraction/understand.models.ts';
import { ocrScan } from '../extraction.bench.ts';

const MIMES: Record<string, string> = { png: 'image/png', tif: 'image/tiff', tiff: 'image/tiff', webp: 'image/webp', heic: 'image/heic' };

const { driver, scan } = await ocrScan([]);
try {
  for (const file of process.argv.slice(2)) {
    const mime = MIMES[file.split('.').pop()?.toLowerCase() ?? ''] ?? 'image/jpeg';
    const understanding = await understandFiles([{ bytes: new Uint8Array(await readFile(file)), mime }], { maxPages: 50, scan });
    console.log(`##### ${file} type=${understanding.type} (${understanding.typeConfidence}: ${understanding.typeReason}) pages=${JSON.stringify(understanding.ocrPages)}`);
    if (process.env.TEXT !== '0') console.log(understanding.text);
    console.log('FACTS', JSON.stringify(understanding.facts), JSON.stringify(understanding.sources));
  }
} finally {
  await driver.close();
}
