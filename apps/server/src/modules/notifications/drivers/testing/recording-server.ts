/**
 * The plumbing the fake provider servers of the driver tests share, so that each fake holds only
 * what its provider documents (paths, authentication, body rules, answers). A recording server
 * listens on 127.0.0.1 on a free port, records every request as it came in `arrivals`, lets a
 * queue of canned answers (or none at all) take the next requests before the fake's own handling,
 * keeps what the fake accepted in `received`, wakes waiters as soon as enough has arrived, and on
 * close also ends the requests it left hanging.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJson, readBody } from './read-body.ts';

export type RecordedOutcome = 'accepted' | 'rejected' | 'canned' | 'hung';

export interface RecordedRequest<Outcome extends string = RecordedOutcome> {
  method: string;
  /** Path and query as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body's bytes exactly as received; empty when the body was longer than the server takes. */
  rawBody: Buffer;
  /** The body parsed (as JSON unless the fake reads it otherwise), or undefined. */
  json: unknown;
  /**
   * accepted or rejected: as the fake's handling decided (rejected until it decides); canned:
   * answered as queued by answerNext; hung: never answered (queued by hangNext).
   */
  outcome: Outcome;
  /** The status answered, undefined while there is none. */
  status: number | undefined;
}

export interface CannedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request in the fake's hands: its record, and the ways to answer it. */
export interface Exchange<Arrival extends RecordedRequest<string>, Entry = Arrival> {
  readonly request: IncomingMessage;
  readonly record: Arrival;
  /** The body was longer than `maxBodyBytes`: `record.rawBody` is empty and `record.json` undefined. */
  readonly bodyTooLarge: boolean;
  /** Answers, noting the outcome and the status in the record. */
  answer(outcome: Arrival['outcome'], status: number, headers: Record<string, string>, body: string): void;
  /** Keeps `entry` in `received`, answers as accepted and wakes the waiters it satisfies. */
  accept(entry: Entry, status: number, headers: Record<string, string>, body: string): void;
}

/** What a fake passes on to its tests unchanged. */
export interface RecordingControls<Arrival, Entry = Arrival> {
  /** Every request in order of arrival, canned, hung and refused ones included. */
  readonly arrivals: readonly Arrival[];
  /** What the fake accepted, in order. */
  readonly received: readonly Entry[];
  /** Waits up to `waitMs` until `count` were accepted, then returns all accepted so far. */
  waitFor(count: number, waitMs: number): Promise<Entry[]>;
  /** The next request is never answered; close() ends it. */
  hangNext(): void;
  close(): Promise<void>;
}

export interface RecordingServer<Arrival, Entry = Arrival> extends RecordingControls<Arrival, Entry> {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The next request gets this answer instead of being handled (queued: one per request, in order). */
  answerNext(answer: CannedAnswer): void;
}

/** The public face of a provider fake: the recording, and answers in the provider's own shape. */
export interface ProviderFake<Arrival, Entry = Arrival> extends RecordingControls<Arrival, Entry> {
  /** The next request gets this status, with the provider's error body (carrying the marker) unless another is given. */
  answerNext(status: number, headers?: Record<string, string>, body?: string): void;
  /** The next request gets the provider's server error, its body carrying the marker. */
  failNextWithError(): void;
}

export interface RecordingServerOptions<Arrival extends RecordedRequest<string>, Entry> {
  /** The record of a request as it arrived: `base` with the fake's own fields (or `base` itself). */
  record(request: IncomingMessage, base: RecordedRequest): Arrival;
  /** The provider's behaviour: checks the request and answers through the exchange. */
  handle(exchange: Exchange<Arrival, Entry>): void | Promise<void>;
  /** How the body is read into `json` (default: parsed as JSON, undefined when it is not). */
  parseBody?: (rawBody: Buffer, request: IncomingMessage) => unknown;
  /** Longer bodies are not kept (default 1 MiB); the exchange says so. */
  maxBodyBytes?: number;
  keepAliveTimeoutMs?: number;
}

const LOCAL_ORIGIN = 'http://127.0.0.1';

/** A request's target parsed, for its `pathname` and `searchParams` (the origin is only a stand-in). */
export function requestUrl(request: Pick<IncomingMessage, 'url'>): URL {
  return new URL(request.url ?? '/', LOCAL_ORIGIN);
}

interface Waiter<Entry> {
  count: number;
  resolve: (received: Entry[]) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export async function startRecordingServer<Arrival extends RecordedRequest<string>, Entry = Arrival>(options: RecordingServerOptions<Arrival, Entry>): Promise<RecordingServer<Arrival, Entry>> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const parseBody = options.parseBody ?? ((rawBody: Buffer) => parseJson(rawBody.toString('utf8')));
  const arrivals: Arrival[] = [];
  const received: Entry[] = [];
  const canned: (CannedAnswer | 'hang')[] = [];
  let waiters: Waiter<Entry>[] = [];

  const server = createServer((request, response) => {
    void serve(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const raw = await readBody(request, maxBodyBytes);
    const record = options.record(request, {
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      rawBody: raw ?? Buffer.alloc(0),
      json: raw === undefined ? undefined : parseBody(raw, request),
      outcome: 'rejected',
      status: undefined,
    });
    arrivals.push(record);
    // Noted through the base type: every record can be canned or hung, whatever else the fake adds.
    const noted: RecordedRequest<string> = record;
    const answer = (outcome: string, status: number, headers: Record<string, string>, body: string) => {
      noted.outcome = outcome;
      noted.status = status;
      response.writeHead(status, headers).end(body);
    };

    const next = canned.shift();
    if (next === 'hang') {
      noted.outcome = 'hung'; // The socket stays open until the client gives up or close().
      return;
    }
    if (next) return answer('canned', next.status, next.headers, next.body);

    await options.handle({
      request,
      record,
      bodyTooLarge: raw === undefined,
      answer,
      accept(entry, status, headers, body) {
        received.push(entry);
        answer('accepted', status, headers, body);
        if (waiters.length > 0) wake();
      },
    });
  }

  function wake() {
    waiters = waiters.filter((waiter) => {
      if (received.length < waiter.count) return true;
      clearTimeout(waiter.timer);
      waiter.resolve([...received]);
      return false;
    });
  }

  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    received,
    waitFor(count, waitMs) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve) => {
        const waiter: Waiter<Entry> = {
          count,
          resolve,
          timer: setTimeout(() => {
            waiters = waiters.filter((other) => other !== waiter);
            resolve([...received]);
          }, waitMs),
        };
        waiters.push(waiter);
      });
    },
    answerNext: (answer) => void canned.push(answer),
    hangNext: () => void canned.push('hang'),
    async close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.resolve([...received]);
      }
      waiters = [];
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
