/**
 * Upload -> understood, end to end through a real `workmate serve` (API + worker thread, SQLite):
 *   npm run bench:pipeline [-- --runs 40]
 * Prints median and p95 for a one-page born-digital PDF and for a standalone e-invoice XML, and the
 * same PDF through poppler's `pdftotext` for comparison (when installed: scripts/install-bench-tools.sh).
 * Then OCR: a scanned A4 page through the OCR driver next to the raw `tesseract` command on the
 * same image, a scanned page and a phone photo uploaded -> done, and the peak memory (VmHWM) of the
 * `workmate serve` process (API, worker and reading threads) over the whole run. The server is the
 * bundle `npm start` runs (built first, apps/server/dist), not the sources through tsx.
 *   --skip-ocr leaves the OCR part out; --ocr-runs N (default 5) sets its repetitions;
 *   --malloc-defaults runs the server without the malloc settings `npm start` gives it.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { MALLOC_SETTINGS } from '../apps/server/src/app/malloc.ts';
import { invoiceLetter, textPdf, ublInvoice, type InvoiceValues } from '../apps/server/src/modules/extraction/testing/made-documents.ts';
import { a4, cameraCorners, letterPage, photographedLetter, scannedLetter } from '../apps/server/src/modules/extraction/image/testing/made-photos.ts';
import { chooseOcrDriver } from '../apps/server/src/modules/extraction/ocr/ocr.drivers.ts';
import { percentile } from './http-load.ts';

const PASSWORD = 'benchmark password 2026';
const execFileAsync = promisify(execFile);

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index === -1 ? fallback : (args[index + 1] ?? fallback);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function values(index: number): InvoiceValues {
  return {
    number: `R-2026-${String(10_000 + index)}`, issueDate: '2026-11-02', dueDate: '2026-12-02', seller: 'Stadtwerke Musterstadt GmbH', buyer: 'Anna Beispiel',
    net: `${100 + index}.00`, tax: '19.00', gross: `${119 + index}.00`, iban: 'DE89370400440532013000',
  };
}

const summary = (label: string, samples: number[], target?: number) => {
  const median = percentile(samples, 50);
  const verdict = target === undefined ? '' : median <= target ? `  ok (target median <= ${target} ms)` : `  over target (median ${target} ms)`;
  console.log(`${label.padEnd(52)} median ${median.toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms   (n=${samples.length})${verdict}`);
};

export async function run(args: string[]): Promise<void> {
  const runs = Number(option(args, '--runs', '40'));
  const dataDir = mkdtempSync(join(tmpdir(), 'workmate-pipeline-'));
  const port = await freePort();
  // The server as `npm start` runs it: bundled JavaScript, not the sources through tsx (whose loader
  // in each of the three threads would add about 140 MB to the memory measured below).
  await execFileAsync(process.execPath, ['build.mjs'], { cwd: 'apps/server' });
  // glibc's malloc as `npm start` tunes it, unless the environment says otherwise or
  // --malloc-defaults asks for glibc's own settings (about 150 MB more at the peak; app/malloc.ts).
  const malloc = args.includes('--malloc-defaults') ? {} : MALLOC_SETTINGS;
  const server = spawn(process.execPath, ['apps/server/dist/index.js', 'serve'], {
    env: { ...malloc, ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 300) throw new Error('workmate serve did not start');
      if (await fetch(`${base}/readyz`).then((response) => response.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await post('/api/v1/auth/register', { username: 'bench', email: 'bench@example.org', password: PASSWORD });
    const login = (await post('/api/v1/auth/login', { username: 'bench', password: PASSWORD })) as { access_token: string };
    const headers = { authorization: `Bearer ${login.access_token}` };

    async function post(path: string, body: unknown) {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    }

    /** Upload, then watch the document until it is done; the time is upload start -> done seen. */
    async function uploadToDone(filename: string, bytes: Buffer): Promise<number> {
      const form = new FormData();
      form.append('file', new Blob([bytes]), filename);
      const started = performance.now();
      const response = await fetch(`${base}/api/v1/documents`, { method: 'POST', headers, body: form });
      if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
      const { documents } = (await response.json()) as { documents: { id: string }[] };
      for (;;) {
        const document = (await (await fetch(`${base}/api/v1/documents/${documents[0]!.id}`, { headers })).json()) as { processing_status: string; processing_error: string | null };
        if (document.processing_status === 'done') return performance.now() - started;
        if (document.processing_status === 'failed') throw new Error(`document failed: ${document.processing_error}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }

    const pdfs = await Promise.all(Array.from({ length: runs + 3 }, (_, index) => textPdf([invoiceLetter(values(index))])));
    const xmls = Array.from({ length: runs + 3 }, (_, index) => Buffer.from(ublInvoice(values(1000 + index))));
    console.log(`pipeline benchmark: workmate serve on SQLite, ${runs} runs each after 3 warm-up runs`);
    const pdfTimes: number[] = [];
    const xmlTimes: number[] = [];
    for (let index = 0; index < runs + 3; index += 1) {
      const pdfTime = await uploadToDone(`rechnung-${index}.pdf`, pdfs[index]!);
      const xmlTime = await uploadToDone(`rechnung-${index}.xml`, xmls[index]!);
      if (index >= 3) {
        pdfTimes.push(pdfTime);
        xmlTimes.push(xmlTime);
      }
    }
    summary('one-page born-digital PDF, upload -> done', pdfTimes, 300);
    summary('standalone e-invoice XML (UBL), upload -> done', xmlTimes, 50);

    if (!args.includes('--skip-ocr')) {
      const ocrRuns = Number(option(args, '--ocr-runs', '5'));
      const scan = await scannedLetter(300);
      const scanFile = join(dataDir, 'scan.png');
      writeFileSync(scanFile, scan);
      const { driver, reason } = await chooseOcrDriver({});
      const driverTimes: number[] = [];
      const rawTimes: number[] = [];
      try {
        await driver.recognize(scan, { languages: ['deu', 'eng'], timeoutMs: 120_000, dpi: 300 }); // warm-up
        for (let index = 0; index < ocrRuns; index += 1) {
          let started = performance.now();
          await driver.recognize(scan, { languages: ['deu', 'eng'], timeoutMs: 120_000, dpi: 300 });
          driverTimes.push(performance.now() - started);
          started = performance.now();
          try {
            await execFileAsync('tesseract', [scanFile, 'stdout', '-l', 'deu+eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 * 1024 * 1024 });
            rawTimes.push(performance.now() - started);
          } catch {
            // no native tesseract: the ratio line says so
          }
        }
      } finally {
        await driver.close();
      }
      console.log(`OCR driver: ${reason}`);
      const seconds = (values: number[]) => (percentile(values, 50) / 1000).toFixed(2);
      console.log(`${'OCR of a scanned A4 page at 300 dpi (driver)'.padEnd(52)} median ${seconds(driverTimes).padStart(7)} s   (n=${driverTimes.length})  ${percentile(driverTimes, 50) <= 3000 ? 'ok' : 'over target'} (target <= 3 s)`);
      if (rawTimes.length > 0) {
        const ratio = percentile(driverTimes, 50) / percentile(rawTimes, 50);
        console.log(`${'the same image through raw `tesseract -l deu+eng`'.padEnd(52)} median ${seconds(rawTimes).padStart(7)} s   ratio ${ratio.toFixed(2)}  ${ratio <= 1.2 ? 'ok' : 'over target'} (target <= 1.2)`);
      } else {
        console.log('raw tesseract: not installed (scripts/install-ocr.sh), no ratio');
      }

      const scanToDone: number[] = [];
      const photoToDone: number[] = [];
      const { width, height } = a4(150);
      const page = await letterPage(width * 2, height * 2);
      for (let index = 0; index < ocrRuns; index += 1) {
        // A different file every time: the same bytes would be recognised as a duplicate.
        scanToDone.push(await uploadToDone(`scan-${index}.png`, await scannedLetter(300, { skewDegrees: 0.5 + index * 0.1 })));
        const photo = await photographedLetter(page, { width: 3000, height: 4000, corners: cameraCorners({ width: 3000, height: 4000, roll: 3 + index, pitch: 12, yaw: -6, fill: 0.82 }), blur: 1.2, seed: index + 1 });
        photoToDone.push(await uploadToDone(`photo-${index}.jpg`, photo));
      }
      const toSeconds = (values: number[]) => values.map((value) => value / 1000);
      console.log(`${'scanned A4 page (PNG, 300 dpi), upload -> done'.padEnd(52)} median ${percentile(toSeconds(scanToDone), 50).toFixed(2).padStart(7)} s   p95 ${percentile(toSeconds(scanToDone), 95).toFixed(2)} s`);
      console.log(`${'12 MP phone photo of a letter, upload -> done'.padEnd(52)} median ${percentile(toSeconds(photoToDone), 50).toFixed(2).padStart(7)} s   p95 ${percentile(toSeconds(photoToDone), 95).toFixed(2)} s  ${percentile(photoToDone, 50) <= 8000 ? 'ok' : 'over target'} (target <= 8 s)`);
    }
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const peak = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
    console.log(`${'peak memory of workmate serve (VmHWM)'.padEnd(52)} ${peak.toFixed(0).padStart(7)} MB  ${peak <= 600 ? 'ok' : 'over target'} (target <= 600 MB)`);

    const pdfFile = join(dataDir, 'sample.pdf');
    writeFileSync(pdfFile, pdfs[0]!);
    const poppler: number[] = [];
    try {
      for (let index = 0; index < runs; index += 1) {
        const started = performance.now();
        await execFileAsync('pdftotext', ['-layout', pdfFile, '-']);
        poppler.push(performance.now() - started);
      }
      summary('the same PDF through pdftotext -layout (text only)', poppler);
    } catch {
      console.log('pdftotext: not installed (run scripts/install-bench-tools.sh for the comparison)');
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

