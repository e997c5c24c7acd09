/**
 * The thread that reads documents (see understand.thread.ts): parsing untrusted PDFs and XML runs
 * here, away from the job worker, so a document that hangs or crashes the parser costs only this
 * thread, which is then replaced.
 */
import { parentPort } from 'node:worker_threads';
import { UnreadableDocumentError, understandFile, type UnderstandOptions } from './understand.models.ts';

interface Request {
  id: number;
  bytes: Uint8Array;
  mime: string;
  options: UnderstandOptions;
}

parentPort?.on('message', (request: Request) => {
  understandFile(request.bytes, request.mime, request.options).then(
    (result) => parentPort?.postMessage({ id: request.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof UnreadableDocumentError ? { reason: error.reason, message: error.message } : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      }),
  );
});
