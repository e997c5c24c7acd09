/**
 * The plumbing of the fake LLM servers (`openai-fake.ts`, `ollama-fake.ts`): an HTTP server on
 * 127.0.0.1 that records every request and connection, and answers either as the provider would
 * (the fake's `handle`) or as a test scripted it for the next request: the model's text, a
 * refusal, an error status, any raw answer, or no answer at all.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON, undefined when it is not JSON. */
  json: unknown;
}

/** What the model "says" next, in provider-neutral terms; each fake puts it into its own wire format. */
export type ScriptedAnswer =
  | { kind: 'content'; content: string; finish?: 'stop' | 'length' | 'content_filter' }
  | { kind: 'refusal'; text: string }
  | { kind: 'error'; status: number; code?: string; message?: string }
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  | { kind: 'hang' };

export interface Reply {
  status: number;
  body: string;
  contentType?: string;
}

export interface LlmFake {
  /** The base URL to configure. */
  readonly url: string;
  readonly requests: readonly FakeRequest[];
  /** TCP connections accepted: 0 proves nothing reached the server. */
  readonly connections: number;
  answerNext(answer: ScriptedAnswer): void;
  close(): Promise<void>;
}

export interface FakeHandler {
  /** The provider's own checks (path, authentication, body); a reply here wins over any script. */
  check(request: FakeRequest): Reply | undefined;
  /** The scripted (or default) answer in the provider's format; undefined for `hang`. */
  render(request: FakeRequest, answer: ScriptedAnswer): Reply | undefined;
  /** What the model says when the test scripted nothing. */
  defaultAnswer(request: FakeRequest): ScriptedAnswer;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startFakeLlmServer(handler: FakeHandler, basePath = ''): Promise<LlmFake> {
  const requests: FakeRequest[] = [];
  const script: ScriptedAnswer[] = [];
  const hanging = new Set<ServerResponse>();
  let connections = 0;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const record: FakeRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, json: parseJson(Buffer.concat(chunks)) };
      requests.push(record);
      const refused = handler.check(record);
      const reply = refused ?? handler.render(record, script.shift() ?? handler.defaultAnswer(record));
      if (reply === undefined) {
        hanging.add(response);
        return;
      }
      response.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
      response.end(reply.body);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    get connections() {
      return connections;
    },
    answerNext: (answer) => script.push(answer),
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The answer a model with nothing to say gives: every property of the requested schema null. */
export function allNull(schema: unknown): string {
  const properties = typeof schema === 'object' && schema !== null ? (schema as { properties?: Record<string, unknown> }).properties : undefined;
  return JSON.stringify(Object.fromEntries(Object.keys(properties ?? {}).map((key) => [key, null])));
}

/** A port nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
