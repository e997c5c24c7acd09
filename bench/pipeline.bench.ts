/**
 * Upload -> understood, end to end through a real `workmate serve` (API + worker thread, SQLite):
 *   npm run bench:pipeline [-- --runs 40]
 * Prints median and p95 for a one-page born-digital PDF and for a standalone e-invoice XML, and the
 * same PDF through poppler's `pdftotext` for comparison (when installed: scripts/install-bench-tools.sh).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { invoiceLetter, textPdf, ublInvoice, type InvoiceValues } from '../apps/server/src/modules/extraction/testing/made-documents.ts';
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
  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/index.ts', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
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

