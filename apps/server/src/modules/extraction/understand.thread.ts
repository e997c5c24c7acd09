/**
 * Reading documents in a thread of its own, with a time limit: pdf.js and the XML parser work on
 * untrusted bytes, and a document that makes them loop or crash must not take the job worker with
 * it. On a timeout or a crash the thread is replaced and the document fails with the reason; the
 * next document gets a fresh thread. Requests run one at a time, and the limit counts from the
 * moment a request starts, not from when it was queued.
 */
import { Worker } from 'node:worker_threads';
import type { OcrDriverPreference } from './ocr/ocr.drivers.ts';
import { UnreadableDocumentError, type InputFile, type Understanding, type UnreadableReason } from './understand.models.ts';

/** What the reading thread needs to know; plain data, since it crosses the thread boundary. */
export interface ReadingOptions {
  maxPages: number;
  /** Without it, photos and scans fail as `needs_ocr`. */
  ocr?: { driver: OcrDriverPreference; languages: string[]; pageTimeoutMs: number; parallelPages: number; maxPixels: number; dataDir?: string };
  /** The day in the owner's zone ('YYYY-MM-DD'): a contract's next cancellation date counts from it. */
  today?: string;
}

export interface ReadingRequest {
  id: number;
  files: InputFile[];
  options: ReadingOptions;
}

/** A document read: what it says, and a thumbnail of page 1 (WebP) when one could be drawn. */
export interface Reading {
  understanding: Understanding;
  thumbnail: Uint8Array | null;
}

export interface Understander {
  /**
   * Reads a document; rejects with UnreadableDocumentError (carrying a thumbnail when the file could
   * still be drawn) when it cannot. `timeoutMs` overrides the reader's time limit for this document.
   */
  understand(files: InputFile[], options: ReadingOptions, timeoutMs?: number): Promise<Reading>;
  close(): Promise<void>;
}

type Reply = { id: number; log?: string; result?: Understanding; thumbnail?: Uint8Array | null; error?: { reason?: UnreadableReason; message: string } };

interface Pending {
  id: number;
  files: InputFile[];
  options: ReadingOptions;
  timeoutMs: number;
  resolve: (value: Reading) => void;
  reject: (error: Error) => void;
}

const runningFromSource = import.meta.url.endsWith('.ts');

function unreadable(reason: UnreadableReason, message: string, thumbnail: Uint8Array | null): UnreadableDocumentError {
  const error = new UnreadableDocumentError(reason, message);
  error.thumbnail = thumbnail;
  return error;
}

export function threadUnderstander({ timeoutMs, log = () => undefined }: { timeoutMs: number; log?: (message: string) => void }): Understander {
  const entry = new URL(runningFromSource ? './understand.thread-entry.dev.mjs' : './understand-thread.js', import.meta.url);
  const queue: Pending[] = [];
  let thread: Worker | undefined;
  let current: (Pending & { timer: NodeJS.Timeout }) | undefined;
  let nextId = 1;
  let closed = false;

  function settle(outcome: { result?: Reading; error?: Error }) {
    if (!current) return;
    clearTimeout(current.timer);
    const done = current;
    current = undefined;
    if (outcome.error) done.reject(outcome.error);
    else done.resolve(outcome.result!);
    pump();
  }

  function replaceThread() {
    const old = thread;
    thread = undefined;
    if (old) void old.terminate();
  }

  function start(): Worker {
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.unref();
    // Events of a thread that was already replaced (timed out, closed) concern nobody any more.
    worker.on('message', (reply: Reply) => {
      if (reply.log) log(reply.log);
      if (thread !== worker || reply.id !== current?.id) return;
      if (reply.error) settle({ error: reply.error.reason ? unreadable(reply.error.reason, reply.error.message, reply.thumbnail ?? null) : new Error(reply.error.message) });
      else settle({ result: { understanding: reply.result!, thumbnail: reply.thumbnail ?? null } });
    });
    worker.on('error', (error) => {
      if (thread !== worker) return;
      thread = undefined;
      settle({ error: new UnreadableDocumentError('crashed', `Reading this document crashed the reader (${error.message}).`) });
    });
    worker.on('exit', () => {
      if (thread !== worker) return;
      thread = undefined;
      settle({ error: new UnreadableDocumentError('crashed', 'Reading this document stopped the reader.') });
    });
    return worker;
  }

  function pump() {
    if (current || closed) return;
    const next = queue.shift();
    if (!next) return;
    thread ??= start();
    const timer = setTimeout(() => {
      replaceThread();
      settle({ error: new UnreadableDocumentError('timeout', `Reading this document took longer than ${Math.round(next.timeoutMs / 1000)} s; it was stopped.`) });
    }, next.timeoutMs);
    current = { ...next, timer };
    thread.postMessage({ id: next.id, files: next.files, options: next.options } satisfies ReadingRequest);
  }

  return {
    understand(files, options, timeout = timeoutMs) {
      if (closed) return Promise.reject(new Error('the document reader is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, files, options, timeoutMs: timeout, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('the document reader is closed'));
      settle({ error: new Error('the document reader is closed') });
      const old = thread;
      thread = undefined;
      if (old) await old.terminate();
    },
  };
}
