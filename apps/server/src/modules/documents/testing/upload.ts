/** Multipart uploads for tests, built by hand so a test controls every byte (boundaries, names, types). */
import { randomBytes } from 'node:crypto';
import type { SignedIn, TestApp } from '../../../app/test-app.ts';

export type Part = { name: string; filename: string; content: Buffer; contentType?: string } | { name: string; value: string };

export function multipartBody(parts: readonly Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----workmate${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
      continue;
    }
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`;
    chunks.push(Buffer.from(head), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadFiles(testApp: TestApp, who: SignedIn, files: readonly { filename: string; content: Buffer }[], fields: Record<string, string> = {}) {
  const body = multipartBody([...files.map((file) => ({ name: 'file', ...file })), ...Object.entries(fields).map(([name, value]) => ({ name, value }))]);
  return testApp.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...who.headers, ...body.headers }, payload: body.payload });
}
