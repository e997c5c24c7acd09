/**
 * Hostile files (`npm run test:hostile`, part of `npm test`): each ends as a refused upload or a
 * `failed` document with a reason, and the API keeps answering quickly while a long scan is read.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type SignedIn, type TestApp } from '../../app/test-app.ts';
import { percentile } from '../../shared/testing/percentile.ts';
import { bombPng, hugePhoto, manyPagesPdf, randomPdf, truncatedJpeg } from '../extraction/testing/hostile-files.ts';
import { imageOnlyPdf, invoiceLetter, scannedPage, textPdf } from '../extraction/testing/made-documents.ts';
import { uploadFiles } from './testing/upload.ts';

let testApp: TestApp;
let anna: SignedIn;
beforeAll(async () => {
  testApp = await createTestApp();
  anna = await signUp(testApp, 'anna');
});
afterAll(async () => testApp.close());

const runJobs = () => testApp.container.jobs.createWorker().runUntilIdle();

async function outcome(filename: string, content: Buffer) {
  const response = await uploadFiles(testApp, anna, [{ filename, content }]);
  if (response.statusCode !== 201) return { refused: response.statusCode, message: response.json<{ error: { message: string } }>().error.message };
  const [document] = response.json<{ documents: { id: string }[] }>().documents;
  await runJobs();
  const read = (await testApp.app.inject({ url: `/api/v1/documents/${document!.id}`, headers: anna.headers })).json<{ processing_status: string; processing_error: string | null; file: { mime_type: string } }>();
  return { status: read.processing_status, reason: read.processing_error, mime: read.file.mime_type };
}

describe('hostile files', () => {
  it.each([
    ['random bytes behind a PDF header', 'x.pdf', async () => randomPdf(), { status: 'failed', reason: expect.stringMatching(/cannot be read/) }],
    ['a truncated PDF', 'cut.pdf', async () => (await textPdf([['Rechnung 4711']])).subarray(0, 400), { status: 'failed', reason: expect.stringMatching(/cannot be read/) }],
    ['a truncated JPEG', 'cut.jpg', truncatedJpeg, { status: 'failed', reason: expect.any(String) }],
    ['a PDF with 2,000 pages', 'huge.pdf', async () => manyPagesPdf(2000), { status: 'failed', reason: 'The PDF has 2000 pages; at most 50 are read.' }],
    ['a decompression bomb (15000 x 15000 PNG of 220 KB)', 'bomb.png', async () => bombPng(15_000, 15_000), { status: 'failed', reason: 'The image is 15000 x 15000 pixels; at most 100 megapixels are read.' }],
    ['a 12,000 x 9,000 px photo', 'big.jpg', async () => hugePhoto(12_000, 9_000), { status: 'failed', reason: 'The image is 12000 x 9000 pixels; at most 100 megapixels are read.' }],
    ['random bytes named .jpg', 'photo.jpg', async () => Buffer.from(crypto.getRandomValues(new Uint8Array(4096))), { refused: 415, message: expect.stringMatching(/not a file Workmate can read/) }],
    ['a zero-byte file', 'empty.png', async () => Buffer.alloc(0), { refused: 400, message: expect.stringMatching(/empty/) }],
  ])('%s', { timeout: 90_000 }, async (_name, filename, make, expected) => {
    expect(await outcome(filename, await make())).toMatchObject(expected);
    expect((await testApp.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('goes by what a file is, not by its name', async () => {
    const pdf = await textPdf([invoiceLetter({ number: 'R-77', issueDate: '2026-11-02', seller: 'Stadtwerke GmbH', buyer: 'Anna', net: '10.00', tax: '1.90', gross: '11.90' })]);
    expect(await outcome('urlaub.jpg', pdf)).toMatchObject({ status: 'done', mime: 'application/pdf' });
  });

  it('keeps /healthz and the document list fast while a 20-page scan is read', { timeout: 300_000 }, async () => {
    const lines = ['Stadtwerke Musterstadt GmbH', 'Anlage zur Rechnung R-2026-0815', 'Verbrauchsübersicht Strom und Gas', 'Zählerstand 12.345 kWh'];
    const page = await scannedPage(lines, 150);
    const scan = await imageOnlyPdf(Array.from({ length: 20 }, () => page));
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;
    const worker = testApp.container.jobs.createWorker();
    worker.start();
    try {
      const response = await uploadFiles(testApp, anna, [{ filename: 'anlage.pdf', content: scan }]);
      const id = response.json<{ documents: { id: string }[] }>().documents[0]!.id;
      const latencies: number[] = [];
      let status = 'pending';
      const started = performance.now();
      while (status !== 'done' && status !== 'failed' && performance.now() - started < 240_000) {
        for (const path of ['/healthz', '/api/v1/documents']) {
          const begin = performance.now();
          const answer = await fetch(`${base}${path}`, { headers: anna.headers });
          await answer.arrayBuffer();
          latencies.push(performance.now() - begin);
        }
        status = (await (await fetch(`${base}/api/v1/documents/${id}`, { headers: anna.headers })).json() as { processing_status: string }).processing_status;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(status).toBe('done');
      const document = (await (await fetch(`${base}/api/v1/documents/${id}`, { headers: anna.headers })).json()) as { metadata: { ocr_pages: unknown[] } };
      expect(document.metadata.ocr_pages).toHaveLength(20);
      expect(latencies.length).toBeGreaterThan(20);
      process.stdout.write(`hostile: ${latencies.length} requests during the 20-page scan, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms\n`);
      expect(percentile(latencies, 99)).toBeLessThan(100);
    } finally {
      await worker.stop();
    }
  });
});
