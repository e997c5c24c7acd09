/**
 * Reading documents in a thread of its own, with a time limit: pdf.js and the XML parser work on
 * untrusted bytes, and a document that makes them loop or crash must not take the job worker with
 * it. On a timeout or a crash the thread is replaced and the document fails with the reason; the
 * next document gets a fresh thread. Requests run one at a time, and the limit counts from the
 * moment a request starts, not from when it was queued.
 */
import { Worker } from 'node:worker_threads';
import { UnreadableDocumentError, understandFile, type UnderstandOptions, type Understanding, type UnreadableReason } from './understand.models.ts';

export interface Understander {
  /** `timeoutMs` overrides the reader's time limit for this document. */
  understand(bytes: Uint8Array, mime: string, options: UnderstandOptions, timeoutMs?: number): Promise<Understanding>;
  close(): Promise<void>;
}

/** In the caller's thread: for benchmarks and tools that read files one by one. */
export const inlineUnderstander: Understander = { understand: understandFile, close: async () => undefined };

type Reply = { id: number; result?: Understanding; error?: { reason?: UnreadableReason; message: string } };

interface Pending {
  id: number;
  bytes: Uint8Array;
  mime: string;
  options: UnderstandOptions;
  timeoutMs: number;
  resolve: (value: Understanding) => void;
  reject: (error: Error) => void;
}

const runningFromSource = import.meta.url.endsWith('.ts');

export function threadUnderstander({ timeoutMs }: { timeoutMs: number }): Understander {
  const entry = new URL(runningFromSource ? './understand.thread-entry.dev.mjs' : './understand-thread.js', import.meta.url);
  const queue: Pending[] = [];
  let thread: Worker | undefined;
  let current: (Pending & { timer: NodeJS.Timeout }) | undefined;
  let nextId = 1;
  let closed = false;

  function settle(outcome: { result?: Understanding; error?: Error }) {
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
      if (thread !== worker || reply.id !== current?.id) return;
      if (reply.error) settle({ error: reply.error.reason ? new UnreadableDocumentError(reply.error.reason, reply.error.message) : new Error(reply.error.message) });
      else settle({ result: reply.result! });
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
    thread.postMessage({ id: next.id, bytes: next.bytes, mime: next.mime, options: next.options });
  }

  return {
    understand(bytes, mime, options, timeout = timeoutMs) {
      if (closed) return Promise.reject(new Error('the document reader is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, bytes, mime, options, timeoutMs: timeout, resolve, reject });
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
