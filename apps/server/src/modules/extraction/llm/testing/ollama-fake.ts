/**
 * An Ollama server on 127.0.0.1 for tests, keeping the part of /api/chat the driver uses
 * (docs/api.md, "Generate a chat completion"): POST {base}/api/chat with `model` and `messages`;
 * `format` either "json" or a JSON Schema (structured outputs); `stream: false` answers one object
 * `{ model, created_at, message: { role, content }, done: true, done_reason, ... }`, anything else
 * streams newline-delimited chunks as Ollama does. Errors are `{ "error": "..." }`: 400 for a bad
 * body, 404 for a model that is not pulled (when `models` is given), 401 when a token is required
 * (Ollama behind an authenticating proxy). Ollama has no refusal field: a model that declines
 * writes prose where the JSON should be.
 */
import { allNull, startFakeLlmServer, type FakeRequest, type LlmFake, type Reply, type ScriptedAnswer } from './fake-llm-server.ts';

export interface OllamaFakeOptions {
  /** Requests must carry `Authorization: Bearer <token>`. */
  apiKey?: string;
  /** The models "pulled"; others are 404. Default: any. */
  models?: string[];
  /** Put into every error message (tests check it never reaches a warning). */
  errorMarker?: string;
}

export function startOllamaFake(options: OllamaFakeOptions = {}): Promise<LlmFake> {
  const marker = options.errorMarker ?? '';
  const error = (status: number, message: string): Reply => ({ status, body: JSON.stringify({ error: `${message} ${marker}`.trim() }) });

  return startFakeLlmServer({
    check(request) {
      if (request.method !== 'POST' || request.path.split('?')[0] !== '/api/chat') return { status: 404, body: '404 page not found', contentType: 'text/plain' };
      if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return error(401, `unauthorized: ${String(request.headers.authorization ?? 'no token')}`);
      }
      const body = request.json as Record<string, unknown> | undefined;
      if (typeof body !== 'object' || body === null) return error(400, 'invalid character in request body');
      if (typeof body.model !== 'string' || body.model === '') return error(400, 'model is required');
      if (options.models && !options.models.includes(body.model)) return error(404, `model "${body.model}" not found, try pulling it first`);
      if (!Array.isArray(body.messages) || !body.messages.every((m: unknown) => typeof m === 'object' && m !== null && typeof (m as { content?: unknown }).content === 'string')) {
        return error(400, 'invalid messages');
      }
      const format = body.format;
      if (format !== undefined && format !== 'json' && (typeof format !== 'object' || format === null)) return error(400, 'invalid format: expected "json" or a JSON schema');
      return undefined;
    },
    render(request, answer) {
      return render(request, answer, error);
    },
    defaultAnswer(request) {
      return { kind: 'content', content: allNull((request.json as { format?: unknown }).format) };
    },
  });
}

function render(request: FakeRequest, answer: ScriptedAnswer, error: (status: number, message: string) => Reply): Reply | undefined {
  switch (answer.kind) {
    case 'hang':
      return undefined;
    case 'raw':
      return { status: answer.status, body: answer.body, ...(answer.contentType ? { contentType: answer.contentType } : {}) };
    case 'error':
      return error(answer.status, answer.message ?? `error ${answer.status}`);
    case 'refusal':
      return chat(request, answer.text, 'stop');
    case 'content':
      return chat(request, answer.content, answer.finish === 'length' ? 'length' : 'stop');
  }
}

function chat(request: FakeRequest, content: string, doneReason: string): Reply {
  const body = request.json as { model: string; stream?: unknown };
  // A fixed time: nothing reads it, and the fake needs no clock.
  const createdAt = '2026-01-15T10:00:00.000000Z';
  const final = {
    model: body.model,
    created_at: createdAt,
    message: { role: 'assistant', content },
    done_reason: doneReason,
    done: true,
    total_duration: 2_254_970_291,
    load_duration: 574_751_416,
    prompt_eval_count: 34,
    prompt_eval_duration: 1_502_000_000,
    eval_count: 12,
    eval_duration: 175_000_000,
  };
  if (body.stream === false) return { status: 200, body: JSON.stringify(final) };
  // Streaming (Ollama's default): the content in chunks, then a final object with an empty message.
  const chunks = [content.slice(0, Math.ceil(content.length / 2)), content.slice(Math.ceil(content.length / 2))].map((part) =>
    JSON.stringify({ model: body.model, created_at: createdAt, message: { role: 'assistant', content: part }, done: false }),
  );
  return { status: 200, body: `${[...chunks, JSON.stringify({ ...final, message: { role: 'assistant', content: '' } })].join('\n')}\n`, contentType: 'application/x-ndjson' };
}
